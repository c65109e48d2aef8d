package org.tessera.portal.watchlist;

import java.util.List;

/**
 * A child on the watchlist with the duty manager's review state.
 *
 * @param section           {@code cumulative} (several live concerns: listed first) or {@code single_concern}
 * @param concerns          distinct live concerns in the child's picture
 * @param rise              score change over the watchlist period
 * @param reason            one line saying why the child is here
 * @param newSinceLastVisit evidence dated after the user's previous look at the watchlist, and no one reviewed it since
 * @param state             {@code new}, {@code acknowledged}, {@code assigned}, {@code escalated} or {@code dismissed}
 * @param decision          the latest MASH decision on a referral review ("Amber · Early help · 2026-12-06 by duty"), or null
 */
public record DutyWatchlistEntry(String personId, String name, String dateOfBirth, String section, int concerns, String band,
                             double score, double rise, double velocity, String asOf, List<String> topIndicators, String reason,
                             boolean newSinceLastVisit, String state, String assignedTo, String reviewReason,
                             String decision) {
    public DutyWatchlistEntry {
        topIndicators = List.copyOf(topIndicators);
    }
}
