package org.tessera.portal.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which of many alike events (anonymous refusals from one address, API sign-ins of one
 * user) get a record of their own: the first per key and window does, later ones are counted and
 * the count travels in the next record written for that key. Keeps the audit trail bounded under
 * a flood while losing no event's existence. At most {@code maxKeys} keys; beyond, all share one.
 * Thread-safe.
 */
final class RateLimitedAudit {

    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, long suppressed) {
    }

    /** A record is due: {@code suppressed} alike events were counted but not recorded before it. */
    record Due(long suppressed) {
    }

    RateLimitedAudit(Duration window, int maxKeys, Clock clock) {
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** A record to write now, or {@code null} when this event is only counted. */
    Due event(String key) {
        Instant now = clock.instant();
        String bounded = windows.size() >= maxKeys && !windows.containsKey(key) ? "*" : key;
        Due[] due = new Due[1];
        windows.compute(bounded, (k, open) -> {
            if (open == null || !now.isBefore(open.start().plus(window))) {
                due[0] = new Due(open == null ? 0 : open.suppressed());
                return new Window(now, 0);
            }
            return new Window(open.start(), open.suppressed() + 1);
        });
        if (windows.size() >= maxKeys) {
            windows.entrySet().removeIf(e -> e.getValue().suppressed() == 0 && !now.isBefore(e.getValue().start().plus(window)));
        }
        return due[0];
    }
}
