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
    private final LoginThrottle throttle = new LoginThrottle(new PortalSecurityProperties.Throttle(3, Duration.ofMinutes(10), 5), clock);

    @Test
    void aUserIsLockedAfterTooManyFailuresAndFreedWhenTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.locked("Duty", "10.0.0.1")).isFalse();
            throttle.failed("duty", "10.0.0.1");
        }
        assertThat(throttle.locked("DUTY", "10.0.0.2")).as("user names are compared case-insensitively").isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(throttle.locked("duty", "10.0.0.1")).isFalse();
    }

    @Test
    void anAddressTryingManyUserNamesIsLocked() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.locked("someone-new", "10.0.0.9")).isTrue();
        assertThat(throttle.locked("someone-new", "10.0.0.8")).isFalse();
    }

    @Test
    void aSuccessClearsTheUsersFailures() {
        throttle.failed("duty", null);
        throttle.failed("duty", null);
        throttle.succeeded("duty");
        throttle.failed("duty", null);
        assertThat(throttle.locked("duty", null)).isFalse();
    }
}
