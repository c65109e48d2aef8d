package org.tessera.portal.alerts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.tessera.indexer.arrivals.Alert;
import org.tessera.indexer.arrivals.AlertListener;
import org.tessera.indexer.arrivals.AlertStore;
import org.tessera.indexer.arrivals.ArrivalProcessor;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/**
 * Alerts from arrivals to duty managers: each alert the arrivals store is audited as created, matched
 * against the subscriptions, pushed to the subscribers' open portal pages and API streams, and
 * mailed (a link only) to those who gave an address; each delivery, mail and view is audited.
 * Thread-safe.
 */
@Service
public class AlertService implements AlertListener {

    /** The user name alert creation is audited under. */
    static final String SYSTEM = "tessera";
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final ArrivalProcessor processor;
    private final SubscriptionService subscriptions;
    private final AlertBroadcaster broadcaster;
    private final AlertMailer mailer;
    private final AuditTrail audit;
    private final AlertStore store;
    private final java.util.concurrent.ExecutorService delivery = DaemonThreads.single("alert-delivery");

    public AlertService(ArrivalProcessor processor, SubscriptionService subscriptions, AlertBroadcaster broadcaster, AlertMailer mailer,
                        AuditTrail audit, OpenSearchConnection connection, Clock clock) {
        this.processor = processor;
        this.subscriptions = subscriptions;
        this.broadcaster = broadcaster;
        this.mailer = mailer;
        this.audit = audit;
        this.store = new AlertStore(connection, clock);
    }

    @PostConstruct
    void listen() {
        processor.addListener(this);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        processor.removeListener(this);
        delivery.shutdown();
    }

    /**
     * Takes the arrival's alerts off its worker thread: pushing to a page may run that page's
     * refresh on the calling thread, and the next arrival need not wait for it.
     */
    @Override
    public void alerted(List<Alert> alerts) {
        if (!alerts.isEmpty()) {
            delivery.submit(() -> {
                try {
                    deliver(alerts);
                } catch (RuntimeException e) {
                    log.error("Alerts not delivered: {}", e.getMessage());
                }
            });
        }
    }

    private void deliver(List<Alert> alerts) {
        long start = System.nanoTime();
        List<Subscription> all = subscriptions.all();
        for (Alert alert : alerts) {
            audit.recordFor(SYSTEM, List.of(), AuditTrail.ALERT_CREATED, alert.personId(), describe(alert));
            List<Subscription> matched = all.stream().filter(s -> s.matches(alert)).toList();
            store.addRecipients(alert.alertId(), matched.stream().map(Subscription::user).toList());
            for (Subscription subscription : matched) {
                broadcaster.deliver(subscription.user(), alert);
                if (subscription.email() != null && mailer.enabled()) {
                    mailer.send(subscription.email(), alert, () -> audit.recordFor(subscription.user(), List.of(Roles.DUTY_MANAGER),
                            AuditTrail.ALERT_MAILED, alert.personId(), "alert " + alert.alertId() + " mailed (a link only)"));
                }
            }
            log.info("Alert {} ({} {}) for {} subscriber(s), pushed {} ms after the arrival handed it over", alert.alertId(),
                    alert.change().kind().label(), alert.change().section(), matched.size(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Audits that {@code alert} reached {@code user}'s open page or stream ({@code channel}). */
    public void delivered(String user, List<String> roles, Alert alert, String channel) {
        audit.recordFor(user, roles, AuditTrail.ALERT_DELIVERED, alert.personId(), "alert " + alert.alertId() + " shown by " + channel);
    }

    /** The signed-in user's newest alerts, newest first (audited as a view of alerts). */
    @RolesAllowed(Roles.DUTY_MANAGER)
    public List<AlertStore.Stored> mine(int size) {
        List<AlertStore.Stored> found = new ArrayList<>(store.forRecipient(CurrentUser.name(), size));
        audit.record(AuditTrail.ALERT_VIEW, null, null, null, found.size() + " alerts listed");
        return found;
    }

    /** The signed-in user opened one alert: marked seen and audited with the child it is about. */
    @RolesAllowed(Roles.DUTY_MANAGER)
    public void opened(Alert alert) {
        store.seen(alert.alertId(), CurrentUser.name());
        audit.record(AuditTrail.ALERT_VIEW, alert.personId(), null, null, "alert " + alert.alertId() + " opened");
    }

    /** Registers an open page or stream of the signed-in user. */
    @RolesAllowed(Roles.DUTY_MANAGER)
    public AlertBroadcaster.Registration follow(AlertBroadcaster.Receiver receiver) {
        return broadcaster.register(CurrentUser.name(), receiver);
    }

    private static String describe(Alert alert) {
        return alert.change().kind().label() + " " + alert.change().section() + " (" + alert.change().band() + ") after "
                + alert.arrivalJobId() + ", alert " + alert.alertId();
    }
}
