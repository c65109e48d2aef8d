package org.tessera.portal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing without locking anyone out: after a few free failures, each further
 * failure of the same user name <em>from the same client address</em> doubles the wait before that
 * pair may try again (1 s, 2 s, 4 s ... up to {@code maxDelay}); an address failing for many user
 * names waits the same way. A wrong password typed from elsewhere, or by an attacker, therefore
 * never keeps the real user out from their own desk, which a fixed 15-minute lock-out did (a
 * denial of service). Failures are forgotten after {@code window} without one. In memory, per portal
 * instance (docs/portal.md). Thread-safe.
 */
public final class LoginThrottle {

    private final PortalSecurityProperties.Throttle settings;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    public LoginThrottle(PortalSecurityProperties.Throttle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the pair (and the address) must still wait before a password is checked; zero when it may try now. */
    public Duration wait(String username, String address) {
        Duration wait = remaining(pairKey(username, address), settings.freeFailures());
        if (address != null) {
            Duration byAddress = remaining(addressKey(address), settings.freeFailuresPerAddress());
            wait = byAddress.compareTo(wait) > 0 ? byAddress : wait;
        }
        return wait;
    }

    public void failed(String username, String address) {
        add(pairKey(username, address));
        if (address != null) {
            add(addressKey(address));
        }
    }

    public void succeeded(String username, String address) {
        failures.remove(pairKey(username, address));
    }

    private static String pairKey(String username, String address) {
        return "u:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT)) + "|" + (address == null ? "" : address);
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private void add(String key) {
        Instant now = clock.instant();
        failures.compute(key, (k, before) -> before == null || expired(before, now)
                ? new Failures(1, now) : new Failures(before.count() + 1, now));
        if (failures.size() > settings.maxTracked()) {
            // Bounded memory under a spray of addresses: forget the stale entries first.
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
    }

    private Duration remaining(String key, int free) {
        Failures seen = failures.get(key);
        Instant now = clock.instant();
        if (seen == null || expired(seen, now) || seen.count() < free) {
            return Duration.ZERO;
        }
        Duration delay = delay(seen.count() - free);
        Duration left = Duration.between(now, seen.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@code base} doubled per failure beyond the free ones, capped at {@code maxDelay}. */
    Duration delay(int beyondFree) {
        int doublings = Math.min(beyondFree, 30);
        Duration delay = settings.baseDelay().multipliedBy(1L << doublings);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private boolean expired(Failures seen, Instant now) {
        return seen.last().plus(settings.window()).isBefore(now);
    }
}
