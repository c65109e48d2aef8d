package org.tessera.portal.alerts;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tessera.indexer.arrivals.Alert;
import org.tessera.portal.security.CurrentUser;

/**
 * Alerts for API clients (docs/api.md): the signed-in duty manager's subscription, their alerts, and
 * a stream of new ones as server-sent events (no polling). Alerts carry the child's id, never a name.
 */
@RestController
class AlertsApi implements SmartLifecycle {

    private static final long STREAM_MILLIS = 60L * 60 * 1000;

    private final AlertService alerts;
    private final SubscriptionService subscriptions;
    /**
     * The open streams. Ended when the portal stops, before the web server's graceful shutdown (a
     * later lifecycle phase): it waits for requests in progress, and an open stream is one for up
     * to an hour, so every stop (and every test JVM's exit) waited the 30 s shutdown timeout.
     */
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    AlertsApi(AlertService alerts, SubscriptionService subscriptions) {
        this.alerts = alerts;
        this.subscriptions = subscriptions;
    }

    record SubscriptionRequest(Set<String> sections, Set<String> districts, String email) {
    }

    @GetMapping("/api/alerts/subscription")
    Subscription subscription() {
        return subscriptions.mine();
    }

    @PutMapping("/api/alerts/subscription")
    Subscription subscribe(@RequestBody SubscriptionRequest request) {
        return subscriptions.save(request.sections() == null ? Set.of() : request.sections(),
                request.districts() == null ? Set.of() : request.districts(), request.email());
    }

    @GetMapping("/api/alerts")
    List<Map<String, Object>> list(@RequestParam(value = "size", defaultValue = "50") int size) {
        return alerts.mine(Math.max(1, Math.min(size, 500))).stream().map(s -> {
            Map<String, Object> json = json(s.alert());
            json.put("seen", s.seen());
            return json;
        }).toList();
    }

    /**
     * New alerts for the signed-in user as they are created ({@code event: alert}); each one sent is
     * audited. The stream ends after {@code seconds} (at most an hour; the client reconnects).
     */
    @GetMapping(value = "/api/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(value = "seconds", defaultValue = "3600") long seconds) {
        SseEmitter emitter = new SseEmitter(Math.max(1, Math.min(seconds * 1000, STREAM_MILLIS)));
        String user = CurrentUser.name();
        List<String> roles = CurrentUser.roles();
        AlertBroadcaster.Registration[] registration = new AlertBroadcaster.Registration[1];
        registration[0] = alerts.follow(alert -> {
            try {
                emitter.send(SseEmitter.event().name("alert").id(alert.alertId()).data(json(alert), MediaType.APPLICATION_JSON));
                alerts.delivered(user, roles, alert, "api stream");
            } catch (IOException | IllegalStateException e) {
                registration[0].close();
            }
        });
        open.add(emitter);
        emitter.onCompletion(() -> {
            registration[0].close();
            open.remove(emitter);
        });
        emitter.onTimeout(() -> {
            registration[0].close();
            emitter.complete();
        });
        emitter.onError(e -> {
            registration[0].close();
            open.remove(emitter);
        });
        try {
            // An opening comment, so the client knows the stream is live before the first alert.
            emitter.send(SseEmitter.event().comment("following alerts"));
        } catch (IOException e) {
            registration[0].close();
        }
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream (the client reconnects to the next portal). */
    @Override
    public void stop() {
        running = false;
        for (SseEmitter emitter : List.copyOf(open)) {
            emitter.complete();
        }
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
    org.springframework.http.ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return org.springframework.http.ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    static Map<String, Object> json(Alert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alert_id", alert.alertId());
        json.put("created_at", alert.createdAt().toString());
        json.put("arrival_job_id", alert.arrivalJobId());
        json.put("person_id", alert.personId());
        json.put("kind", alert.change().kind().label());
        json.put("section", alert.change().section());
        json.put("band", alert.change().band());
        json.put("band_before", alert.change().bandBefore());
        return json;
    }
}
