package org.tessera.portal.alerts;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tessera.indexer.arrivals.Alert;
import org.tessera.indexer.watchlist.WatchlistSection;

/**
 * What one duty manager follows: watchlist sections and, optionally, postcode districts (none: all
 * districts), and the address alert mail goes to (none: no mail, the open portal only).
 */
public record Subscription(String user, Set<String> sections, Set<String> districts, String email) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DISTRICT = Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?");
    public static final Set<String> SECTIONS = Set.of(WatchlistSection.CUMULATIVE.label(), WatchlistSection.SINGLE_CONCERN.label());

    public Subscription {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a subscription belongs to a user");
        }
        sections = Set.copyOf(sections);
        for (String section : sections) {
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException("unknown watchlist section '" + section + "': one of " + new TreeSet<>(SECTIONS));
            }
        }
        TreeSet<String> normalised = new TreeSet<>();
        for (String district : districts) {
            String d = district.trim().toUpperCase(Locale.ROOT);
            if (d.isEmpty()) {
                continue;
            }
            if (!DISTRICT.matcher(d).matches()) {
                throw new IllegalArgumentException("'" + district + "' is not a postcode district (such as TC1 or NR12)");
            }
            normalised.add(d);
        }
        districts = Set.copyOf(normalised);
        email = email == null || email.isBlank() ? null : email.trim();
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
        }
    }

    public static Subscription none(String user) {
        return new Subscription(user, Set.of(), Set.of(), null);
    }

    /** Whether the alert is in a followed section and, when districts are chosen, in one of them. */
    public boolean matches(Alert alert) {
        if (!sections.contains(alert.change().section())) {
            return false;
        }
        return districts.isEmpty() || alert.postcodeDistricts().stream().anyMatch(districts::contains);
    }
}
