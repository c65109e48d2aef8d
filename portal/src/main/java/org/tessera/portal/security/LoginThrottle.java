package org.tessera.portal.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per user name and per client address in a sliding window and locks either
 * out once it exceeds its limit. In memory, so per portal instance: a cluster behind a load
 * balancer multiplies the limits by the number of instances (documented in docs/portal.md).
 * Thread-safe.
 */
public final class LoginThrottle {

    private final PortalSecurityProperties.Throttle settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(PortalSecurityProperties.Throttle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public boolean locked(String username, String address) {
        return count(userKey(username)) >= settings.maxFailures()
                || (address != null && count(addressKey(address)) >= settings.maxFailuresPerAddress());
    }

    public void failed(String username, String address) {
        add(userKey(username));
        if (address != null) {
            add(addressKey(address));
        }
    }

    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private static String userKey(String username) {
        return "u:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private void add(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    private int count(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times);
            return times.size();
        }
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(settings.lockout());
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }
}
