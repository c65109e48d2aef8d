package org.tessera.portal.common.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tessera.portal.common.Json;
import org.tessera.portal.profile.HouseholdNetwork;

/**
 * The household network as a picture (ECharts graph: click a person to open their profile) and,
 * beside it, the same facts as tables (who is linked to whom and how; who lived where, when),
 * which are the keyboard's and the screen reader's way through it; then who lived where over time
 * as a chart.
 */
public final class HouseholdNetworkPanel extends VerticalLayout {

    private static final String CHILD = "#d35400";
    private static final String FOCUS = "#c0392b";
    private static final String ADULT = "#2c6fad";

    public HouseholdNetworkPanel(HouseholdNetwork network, LocalDate today) {
        setPadding(false);
        setSpacing(false);
        setId("household-network");
        add(new H3("Household network"));
        if (network.people().size() <= 1) {
            add(new Span("No household members, relations or records in common recorded"));
            return;
        }
        add(new Span("Lines: a recorded relation, living at the same address at the same time (thick), records in common (dashed). "
                + "Click a person to open their profile; the tables beside say the same."));
        EChart graph = new EChart("Household network: " + network.people().size() + " people and " + network.links().size()
                + " links; the tables beside it list them", "40em", "420px");
        graph.setId("household-graph");
        graph.setOption(graphOption(network));
        graph.onClick(id -> graph.getUI().ifPresent(ui -> ui.navigate("profile/" + id)));
        graph.setMinWidth("22em");
        FlexLayout picture = new FlexLayout(graph, linksTable(network));
        picture.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        picture.setWidthFull();
        picture.setFlexGrow(1, graph);
        picture.setAlignItems(Alignment.START);
        picture.getStyle().set("gap", "1em");
        add(picture);
        EChart residence = new EChart("Who lived where over time; the residence table lists the same periods", "100%",
                Math.max(160, 48 + 34 * network.people().size()) + "px");
        residence.setId("residence-chart");
        residence.setOption(residenceOption(network, today));
        add(residence, residenceTable(network));
    }

    /** The ECharts option of the network: people placed on a circle (not by a force layout), so a click lands where a test expects it. */
    static ObjectNode graphOption(HouseholdNetwork network) {
        ObjectNode option = Json.object();
        option.put("animation", false);
        option.putObject("tooltip").put("confine", true);
        ArrayNode legend = option.putObject("legend").put("bottom", 0).putArray("data");
        legend.add("this person").add("child").add("adult");
        ObjectNode series = option.putArray("series").addObject();
        series.put("type", "graph").put("layout", "none").put("roam", false).put("draggable", false);
        series.put("left", 60).put("right", 60).put("top", 30).put("bottom", 50);
        ArrayNode categories = series.putArray("categories");
        categories.addObject().put("name", "this person").putObject("itemStyle").put("color", FOCUS);
        categories.addObject().put("name", "child").putObject("itemStyle").put("color", CHILD);
        categories.addObject().put("name", "adult").putObject("itemStyle").put("color", ADULT);
        series.putObject("label").put("show", true).put("position", "bottom").put("fontSize", 12);
        series.putObject("edgeLabel").put("fontSize", 12).put("color", "#1d2733");
        ArrayNode data = series.putArray("data");
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        List<HouseholdNetwork.Person> people = network.people();
        // Everyone on one circle, the child first at the top, turned a little so that no two
        // people line up level or plumb (ECharts fits the people's extent to the box: a flat or
        // upright line of people would be stretched).
        int i = 0;
        for (HouseholdNetwork.Person p : people) {
            double angle = -Math.PI / 2 + Math.PI / 12 + 2 * Math.PI * i / people.size();
            double x = Math.round(100 * Math.cos(angle));
            double y = Math.round(100 * Math.sin(angle));
            i++;
            int seen = names.merge(p.name(), 1, Integer::sum);
            ObjectNode node = data.addObject();
            node.put("id", p.personId()).put("name", p.name() + (seen > 1 ? " (" + seen + ")" : "")).put("x", x).put("y", y)
                    .put("category", p.focus() ? 0 : p.child() ? 1 : 2)
                    .put("symbolSize", 18 + Math.min(22, 4 * Math.log1p(p.records())));
            node.putObject("tooltip").put("formatter", safe(p.name() + " – " + p.relation()
                    + (p.dateOfBirth() == null ? "" : ", born " + p.dateOfBirth()) + ", " + p.records() + " records"));
            index.put(p.personId(), index.size());
        }
        ArrayNode links = series.putArray("links");
        for (HouseholdNetwork.Link l : network.links()) {
            ObjectNode link = links.addObject();
            link.put("source", index.get(l.a())).put("target", index.get(l.b()));
            ObjectNode style = link.putObject("lineStyle");
            if (!l.livedTogether().isEmpty()) {
                style.put("width", 4).put("color", "#27ae60");
            } else if (l.relation() != null || l.sameHousehold()) {
                style.put("width", 2).put("color", "#7f8c8d");
            } else {
                style.put("width", 1.5).put("type", "dashed").put("color", "#7f8c8d");
            }
            String label = l.relation() != null ? shortRelation(l.relation())
                    : !l.livedTogether().isEmpty() ? "lived together" : l.recordsInCommon() > 0 ? l.recordsInCommon() + " records" : "household";
            link.putObject("label").put("show", true).put("formatter", safe(label));
            link.putObject("tooltip").put("formatter", safe(l.describe()));
        }
        return option;
    }

    /** Who lived where, when: one row per person, one bar per period, one colour per place. */
    static ObjectNode residenceOption(HouseholdNetwork network, LocalDate today) {
        ObjectNode option = Json.object();
        option.put("animation", false);
        option.putObject("tooltip").put("trigger", "item").put("confine", true);
        option.putObject("legend").put("type", "scroll").put("bottom", 0);
        option.putObject("grid").put("left", 10).put("right", 30).put("top", 10).put("bottom", 60).put("containLabel", true);
        option.putObject("xAxis").put("type", "time").put("max", today.toString());
        ArrayNode rows = option.putObject("yAxis").put("type", "category").put("inverse", true).putArray("data");
        Map<String, String> rowOf = new LinkedHashMap<>();
        for (HouseholdNetwork.Person p : network.people()) {
            rowOf.put(p.personId(), p.name() + " (" + shortRelation(p.relation()) + ")");
            rows.add(rowOf.get(p.personId()));
        }
        String earliest = network.residences().stream().map(HouseholdNetwork.Residence::from).filter(Objects::nonNull).min(String::compareTo)
                .orElse(today.minusYears(3).toString());
        Map<String, ArrayNode> byPlace = new LinkedHashMap<>();
        ArrayNode series = option.putArray("series");
        for (HouseholdNetwork.Residence r : network.residences()) {
            if (r.from() == null && r.to() == null) {
                continue;
            }
            ArrayNode data = byPlace.computeIfAbsent(r.place(), place -> {
                ObjectNode s = series.addObject();
                s.put("type", "line").put("name", place).put("symbol", "rect").put("symbolSize", 6).put("connectNulls", false);
                s.putObject("lineStyle").put("width", 12);
                s.putObject("tooltip").put("formatter", safe(place) + ": {b}");
                return s.putArray("data");
            });
            String label = r.name() + " " + Objects.toString(r.from(), "?") + " to " + Objects.toString(r.to(), "now");
            data.addObject().put("name", label).putArray("value").add(Objects.toString(r.from(), earliest)).add(rowOf.get(r.personId()));
            data.addObject().put("name", label).putArray("value").add(Objects.toString(r.to(), today.toString())).add(rowOf.get(r.personId()));
            data.add("-");
        }
        return option;
    }

    private static Component linksTable(HouseholdNetwork network) {
        NativeTable table = textTable("household-links", "Who is linked to whom", "Person", "Linked to", "How");
        NativeTableBody body = table.addBody();
        Map<String, HouseholdNetwork.Person> byId = peopleById(network);
        for (HouseholdNetwork.Link l : network.links()) {
            row(body.addRow(), person(byId.get(l.a())), person(byId.get(l.b())), new Span(l.describe()));
        }
        return table;
    }

    private static Component residenceTable(HouseholdNetwork network) {
        NativeTable table = textTable("household-residence", "Who lived where, when", "Place", "Person", "From", "To");
        NativeTableBody body = table.addBody();
        Map<String, HouseholdNetwork.Person> byId = peopleById(network);
        for (HouseholdNetwork.Residence r : network.residences()) {
            row(body.addRow(), new Span(r.place()), person(byId.get(r.personId())),
                    new Span(Objects.toString(r.from(), "not recorded")), new Span(Objects.toString(r.to(), "now")));
        }
        return table;
    }

    /** A captioned table in the page's text-table style, with its headings. */
    private static NativeTable textTable(String id, String caption, String... headings) {
        NativeTable table = new NativeTable();
        table.setId(id);
        table.addClassName("text-table");
        table.setCaptionText(caption);
        NativeTableRow row = table.getHead().addRow();
        for (String heading : headings) {
            row.addHeaderCell().setText(heading);
        }
        return table;
    }

    private static Map<String, HouseholdNetwork.Person> peopleById(HouseholdNetwork network) {
        Map<String, HouseholdNetwork.Person> byId = new HashMap<>();
        network.people().forEach(p -> byId.put(p.personId(), p));
        return byId;
    }

    private static void row(NativeTableRow row, Component... cells) {
        for (Component cell : cells) {
            row.addDataCell().add(cell);
        }
    }

    private static Component person(HouseholdNetwork.Person p) {
        Anchor link = new Anchor("profile/" + p.personId(), p.name());
        return new Span(link, new Span(" (" + p.relation() + ")"));
    }

    private static String shortRelation(String relation) {
        return relation == null ? "" : relation.length() > 24 ? relation.substring(0, 23) + "…" : relation;
    }

    /** ECharts reads {a}, {b}, {c} in a formatter string as placeholders; a name must not. */
    private static String safe(String text) {
        return text.replace("{", "(").replace("}", ")");
    }
}
