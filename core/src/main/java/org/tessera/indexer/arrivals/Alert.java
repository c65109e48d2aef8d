package org.tessera.indexer.arrivals;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored watchlist alert: one child's entry or rise after one arrival. Holds no name, date of
 * birth or address; the portal shows those only to a signed-in user with a stated purpose.
 *
 * @param alertId           deterministic: the arrival's job and the child, so a retried arrival writes the same alert
 * @param postcodeDistricts the child's current postcode districts (for district subscriptions)
 */
public record Alert(String alertId, Instant createdAt, String arrivalJobId, WatchlistChange change, List<String> postcodeDistricts) {

    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(change, "change");
        postcodeDistricts = List.copyOf(postcodeDistricts);
    }

    public String personId() {
        return change.personId();
    }
}
