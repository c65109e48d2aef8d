package org.tessera.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new PortalSecurityProperties.Throttle(3, 5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), 0), clock);

    @Test
    void defect10_failuresSlowThePairDownExponentiallyButNeverLockTheUserOut() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.wait("Duty", "10.0.0.1")).isZero();
            throttle.failed("duty", "10.0.0.1");
        }
        assertThat(throttle.wait("DUTY", "10.0.0.1")).as("user names are compared case-insensitively").isEqualTo(Duration.ofSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        throttle.failed("duty", "10.0.0.1");
        assertThat(throttle.wait("duty", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        clock.now = clock.now.plusSeconds(2);
        throttle.failed("duty", "10.0.0.1");
        assertThat(throttle.wait("duty", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        // The same user at their own desk is not slowed by someone else's guesses: no lock-out.
        assertThat(throttle.wait("duty", "10.0.0.2")).isZero();
        // Waits are capped.
        for (int i = 0; i < 20; i++) {
            throttle.failed("duty", "10.0.0.1");
        }
        assertThat(throttle.wait("duty", "10.0.0.1")).isEqualTo(Duration.ofSeconds(60));
        // Failures are forgotten after the window.
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(throttle.wait("duty", "10.0.0.1")).isZero();
    }

    @Test
    void anAddressTryingManyUserNamesIsSlowedDown() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.wait("someone-new", "10.0.0.9")).isPositive();
        assertThat(throttle.wait("someone-new", "10.0.0.8")).isZero();
    }

    @Test
    void aSuccessClearsThePairsFailures() {
        throttle.failed("duty", "10.0.0.1");
        throttle.failed("duty", "10.0.0.1");
        throttle.failed("duty", "10.0.0.1");
        throttle.succeeded("duty", "10.0.0.1");
        throttle.failed("duty", "10.0.0.1");
        assertThat(throttle.wait("duty", "10.0.0.1")).isZero();
    }

    @Test
    void defect10_behindATrustedProxyTheClientComesFromXForwardedForOnly() {
        ClientAddress addresses = new ClientAddress(java.util.List.of("10.0.0.0/8", "::1"));
        // The peer is the trusted proxy: the rightmost untrusted hop is the client.
        assertThat(addresses.resolve("10.1.2.3", java.util.Collections.enumeration(java.util.List.of("198.51.100.7, 10.9.9.9"))))
                .isEqualTo("198.51.100.7");
        // A client spoofing the header itself, not through the proxy, is ignored.
        assertThat(addresses.resolve("203.0.113.5", java.util.Collections.enumeration(java.util.List.of("1.2.3.4"))))
                .isEqualTo("203.0.113.5");
        // Only trusted hops, or a non-address in the header: the peer stays the client.
        assertThat(addresses.resolve("10.1.2.3", java.util.Collections.enumeration(java.util.List.of("not-an-address"))))
                .isEqualTo("10.1.2.3");
        // Without a setting, nobody is trusted.
        assertThat(new ClientAddress(java.util.List.of()).resolve("10.1.2.3",
                java.util.Collections.enumeration(java.util.List.of("198.51.100.7")))).isEqualTo("10.1.2.3");
    }
}
