package org.tessera.portal.profile.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.tessera.portal.common.Json;
import org.tessera.portal.profile.Profile;

/**
 * The chronology as a timeline (ECharts scatter on a time axis, a row per agency): the child's
 * records, the household's records marked apart, and the significant events (a counted
 * high-severity indicator, or a referral, section 47, child protection plan or MARAC) marked
 * large and labelled. The chronology list below it is its text alternative.
 */
final class ChronologyChart {

    static final Set<String> SIGNIFICANT_TYPES = Set.of("referral", "section_47", "strategy_discussion", "child_protection_plan",
            "cp_plan", "marac", "arrest", "exclusion");

    private ChronologyChart() {
    }

    /** A counted high or critical indicator hit, or a record type a practitioner always looks for. */
    static boolean significant(Profile.ChronologyLine line) {
        Profile.Entry e = line.entry();
        boolean severe = e.evidence().stream().anyMatch(h -> h.counts() && ("high".equals(h.severity()) || "critical".equals(h.severity())));
        return severe || e.recordType() != null && SIGNIFICANT_TYPES.contains(e.recordType().toLowerCase(Locale.ROOT));
    }

    static ObjectNode option(List<Profile.ChronologyLine> lines) {
        ObjectNode option = Json.object();
        option.put("animation", false);
        option.putObject("tooltip").put("trigger", "item").put("confine", true);
        option.putObject("legend").put("bottom", 0);
        option.putObject("grid").put("left", 10).put("right", 30).put("top", 24).put("bottom", 70).put("containLabel", true);
        option.putObject("xAxis").put("type", "time");
        Set<String> agencies = new TreeSet<>();
        lines.forEach(l -> agencies.add(agency(l)));
        ArrayNode rows = option.putObject("yAxis").put("type", "category").putArray("data");
        agencies.forEach(rows::add);
        option.putArray("dataZoom").addObject().put("type", "slider").put("bottom", 30).put("height", 16);
        ArrayNode series = option.putArray("series");
        ArrayNode own = scatter(series, "child's records", "circle", 9, "#2c6fad");
        ArrayNode household = scatter(series, "household's records", "diamond", 10, "#8e44ad");
        ObjectNode marked = series.addObject();
        marked.put("type", "scatter").put("name", "significant events").put("symbol", "pin").put("symbolSize", 28).put("z", 5);
        marked.putObject("itemStyle").put("color", "#c0392b");
        marked.putObject("label").put("show", true).put("position", "top").put("formatter", "{b}").put("fontSize", 10)
                .put("width", 110).put("overflow", "truncate");
        marked.putObject("labelLayout").put("hideOverlap", true);
        ArrayNode significant = marked.putArray("data");
        for (Profile.ChronologyLine line : lines) {
            Profile.Entry e = line.entry();
            if (e.date() == null) {
                continue;
            }
            String date = e.date().substring(0, Math.min(10, e.date().length()));
            String title = Objects.toString(e.title(), Objects.toString(e.recordType(), "record")).replace("{", "(").replace("}", ")");
            ObjectNode point = (significant(line) ? significant : line.household() ? household : own).addObject();
            point.put("id", e.eventId()).put("name", title);
            point.putArray("value").add(date).add(agency(line));
            point.putObject("tooltip").put("formatter", date + " · " + agency(line) + " · " + title
                    + (line.household() ? " (household)" : "") + (line.grouped() > 1 ? " (" + line.grouped() + " returns)" : ""));
        }
        return option;
    }

    private static ArrayNode scatter(ArrayNode series, String name, String symbol, int size, String color) {
        ObjectNode s = series.addObject();
        s.put("type", "scatter").put("name", name).put("symbol", symbol).put("symbolSize", size);
        s.putObject("itemStyle").put("color", color).put("opacity", 0.8);
        return s.putArray("data");
    }

    private static String agency(Profile.ChronologyLine line) {
        return Objects.toString(line.entry().agency(), "other").replace('_', ' ');
    }
}
