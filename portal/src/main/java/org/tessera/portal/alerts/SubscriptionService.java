package org.tessera.portal.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.common.Json;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/** Each duty manager's alert subscription, in the {@code subscriptions} index; every change audited. Thread-safe. */
@Service
public class SubscriptionService {

    private final OpenSearchConnection connection;
    private final AuditTrail audit;
    private final Clock clock;

    public SubscriptionService(OpenSearchConnection connection, AuditTrail audit, Clock clock) {
        this.connection = connection;
        this.audit = audit;
        this.clock = clock;
    }

    /** The signed-in user's subscription (none yet: nothing followed). */
    @RolesAllowed(Roles.DUTY_MANAGER)
    public Subscription mine() {
        String user = CurrentUser.name();
        return connection.get(connection.alias("subscriptions"), id(user)).map(SubscriptionService::read).orElse(Subscription.none(user));
    }

    /** Replaces the signed-in user's subscription. */
    @RolesAllowed(Roles.DUTY_MANAGER)
    public Subscription save(Set<String> sections, Set<String> districts, String email) {
        Subscription subscription = new Subscription(CurrentUser.name(), sections, districts, email);
        ObjectNode doc = Json.object();
        doc.put("user", subscription.user()).put("updated_at", clock.instant().toString());
        subscription.sections().forEach(doc.putArray("sections")::add);
        subscription.districts().forEach(doc.putArray("districts")::add);
        if (subscription.email() != null) {
            doc.put("email", subscription.email());
        }
        connection.index(connection.alias("subscriptions"), id(subscription.user()), doc, Map.of("refresh", "true"));
        audit.record(AuditTrail.ALERT_SUBSCRIPTION, null, null, null, "sections " + subscription.sections() + ", districts "
                + subscription.districts() + ", mail " + (subscription.email() == null ? "off" : "on"));
        return subscription;
    }

    /** Every subscription that follows at least one section (for matching alerts; no user context needed). */
    List<Subscription> all() {
        ObjectNode body = Json.object();
        body.put("size", 10_000);
        body.putObject("query").putObject("exists").put("field", "sections");
        List<Subscription> found = new ArrayList<>();
        for (JsonNode hit : connection.search(connection.alias("subscriptions"), body).path("hits").path("hits")) {
            found.add(read(hit.path("_source")));
        }
        return found;
    }

    private static Subscription read(JsonNode source) {
        return new Subscription(source.path("user").asText(), strings(source.path("sections")), strings(source.path("districts")),
                Json.text(source, "email"));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        if (array instanceof ArrayNode) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** User names may hold characters a document id must not: the id is their hash. */
    private static String id(String user) {
        return "sub-" + Ids.sha256Hex(user).substring(0, 24);
    }
}
