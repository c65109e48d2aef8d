package org.tessera.portal.alerts;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tessera.indexer.arrivals.Alert;

/**
 * The open channels to each signed-in user: their portal pages (server push) and API streams.
 * A receiver hands the alert to its own UI or stream and must return quickly. Thread-safe.
 */
@Component
public class AlertBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(AlertBroadcaster.class);

    /** One open page or stream of one user. */
    @FunctionalInterface
    public interface Receiver {
        void receive(Alert alert);
    }

    /** Closing it stops the deliveries (a page detached, a stream ended). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Set<Receiver>> receivers = new ConcurrentHashMap<>();

    public Registration register(String user, Receiver receiver) {
        receivers.computeIfAbsent(user, u -> new CopyOnWriteArraySet<>()).add(receiver);
        return () -> receivers.computeIfPresent(user, (u, set) -> {
            set.remove(receiver);
            return set.isEmpty() ? null : set;
        });
    }

    /** Hands the alert to every open channel of {@code user}; returns how many took it. */
    int deliver(String user, Alert alert) {
        int delivered = 0;
        for (Receiver receiver : receivers.getOrDefault(user, Set.of())) {
            try {
                receiver.receive(alert);
                delivered++;
            } catch (RuntimeException e) {
                log.debug("An alert channel failed: {}", e.getMessage());
            }
        }
        return delivered;
    }
}
