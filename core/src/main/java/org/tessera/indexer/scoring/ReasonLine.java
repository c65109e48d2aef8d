package org.tessera.indexer.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-line "why" of a watchlist entry, built only from the explanation's indicator titles,
 * agencies, counts and period: never names, evidence text or other personal details, so it may be
 * shown to anyone who may see the list.
 *
 * <p>Example: {@code 4 concerns from 3 agencies in 365 days; new in 90 days: DA incident (police),
 * was-not-brought x2 (health), persistent absence (education)}: the breadth of the picture first
 * (distinct concerns and agencies in the breadth window, as the watchlist's sections read them),
 * then the hits of the period, strongest first.
 */
public final class ReasonLine {

    private static final int MAX_ITEMS = 5;

    private ReasonLine() {
    }

    /** @param concerns the live concerns of the picture, as the watchlist counted them */
    public static String of(RiskScore score, int concerns, int periodDays, int breadthWindowDays) {
        LocalDate since = score.asOf().minusDays(periodDays);
        record Key(String title, String agency, Reach reach) { }
        Map<Key, double[]> groups = new LinkedHashMap<>();
        int hits = 0;
        for (Contribution c : score.contributions()) {
            if (!c.counts() || !c.date().isAfter(since)) {
                continue;
            }
            hits++;
            // [count, points]: groups are listed strongest first.
            double[] group = groups.computeIfAbsent(new Key(c.title(), c.agency(),
                    c.reach() == Reach.HOUSEHOLD || c.reach() == Reach.SIBLING ? c.reach() : null), k -> new double[2]);
            group[0]++;
            group[1] += c.contribution();
        }
        if (hits == 0) {
            List<String> top = score.topIndicators(3);
            return String.format(Locale.ROOT, "no new concerns in %d days; score %.1f (%s)%s", periodDays, score.score(),
                    score.band().label(), top.isEmpty() ? "" : " from " + String.join(", ", top));
        }
        List<Map.Entry<Key, double[]>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]));
        List<String> items = new ArrayList<>();
        for (var entry : sorted.subList(0, Math.min(MAX_ITEMS, sorted.size()))) {
            Key key = entry.getKey();
            int count = (int) entry.getValue()[0];
            items.add(key.title() + (count > 1 ? " x" + count : "") + " (" + agencyLabel(key.agency())
                    + (key.reach() == Reach.HOUSEHOLD ? ", household" : key.reach() == Reach.SIBLING ? ", sibling" : "") + ")");
        }
        if (sorted.size() > MAX_ITEMS) {
            items.add("+" + (sorted.size() - MAX_ITEMS) + " more");
        }
        int agencies = score.agencies().size();
        return String.format(Locale.ROOT, "%d %s from %d %s in %d days; new in %d days: %s", concerns,
                concerns == 1 ? "concern" : "concerns", agencies, agencies == 1 ? "agency" : "agencies", breadthWindowDays,
                periodDays, String.join(", ", items));
    }

    private static String agencyLabel(String agency) {
        return agency.replace('_', ' ');
    }
}
