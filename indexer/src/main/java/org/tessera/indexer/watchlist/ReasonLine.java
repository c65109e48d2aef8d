package org.tessera.indexer.watchlist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.tessera.indexer.scoring.Contribution;
import org.tessera.indexer.scoring.Reach;
import org.tessera.indexer.scoring.RiskScore;

/**
 * The one-line "why" of a watchlist entry, built only from the explanation's indicator titles,
 * agencies, counts and period: never names, evidence text or other personal details, so it may be
 * shown to anyone who may see the list.
 *
 * <p>Example: {@code 3 agencies, 7 concerns in 90 days: DA incident (police), was-not-brought x2 (health), persistent absence (education)}
 */
public final class ReasonLine {

    private static final int MAX_ITEMS = 5;

    private ReasonLine() {
    }

    public static String of(RiskScore score, int periodDays) {
        LocalDate since = score.asOf().minusDays(periodDays);
        record Key(String title, String agency, boolean household) { }
        Map<Key, double[]> groups = new LinkedHashMap<>();
        TreeSet<String> agencies = new TreeSet<>();
        int concerns = 0;
        for (Contribution c : score.contributions()) {
            if (!c.counts() || !c.date().isAfter(since)) {
                continue;
            }
            concerns++;
            agencies.add(c.agency());
            // [count, points]: groups are listed strongest first.
            double[] group = groups.computeIfAbsent(new Key(c.title(), c.agency(), c.reach() == Reach.HOUSEHOLD), k -> new double[2]);
            group[0]++;
            group[1] += c.contribution();
        }
        if (concerns == 0) {
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
                    + (key.household() ? ", household" : "") + ")");
        }
        if (sorted.size() > MAX_ITEMS) {
            items.add("+" + (sorted.size() - MAX_ITEMS) + " more");
        }
        return String.format(Locale.ROOT, "%d %s, %d %s in %d days: %s", agencies.size(),
                agencies.size() == 1 ? "agency" : "agencies", concerns, concerns == 1 ? "concern" : "concerns", periodDays,
                String.join(", ", items));
    }

    private static String agencyLabel(String agency) {
        return agency.replace('_', ' ');
    }
}
