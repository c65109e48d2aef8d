package org.tessera.portal.search.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tessera.portal.common.ui.MainLayout;
import org.tessera.portal.common.ui.ViewPurpose;
import org.tessera.portal.search.SearchFilter;
import org.tessera.portal.search.SearchResults.FacetValue;
import org.tessera.portal.search.SearchResults.PersonResult;
import org.tessera.portal.search.SearchResults.RecordResult;
import org.tessera.portal.search.SearchResults.Summary;
import org.tessera.portal.search.SearchService;
import org.tessera.portal.security.Roles;

/** One search box; results as people and as records, narrowed by facets, paged lazily. */
@Route(value = "search", layout = MainLayout.class)
@PageTitle("Search | Tessera")
@RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
class SearchView extends VerticalLayout {

    private final SearchService search;
    private final TextField box = new TextField();
    private final Grid<PersonResult> people = new Grid<>();
    private final Grid<RecordResult> records = new Grid<>();
    private final HorizontalLayout facets = new HorizontalLayout();
    /**
     * People or records: a radio group rather than Vaadin's TabSheet, whose tab list holds a
     * focusable scroller that axe-core reports as a critical WCAG violation (aria-required-children).
     */
    private final RadioButtonGroup<String> shown = new RadioButtonGroup<>("Show");
    private long peopleFound;
    private long recordsFound;
    private String text = "";
    private SearchFilter filter = SearchFilter.NONE;

    SearchView(SearchService search) {
        this.search = search;
        setSizeFull();
        box.setId("search-box");
        box.setPlaceholder("Name, date of birth, address or postcode, or words from notes");
        box.setWidth("40em");
        box.addKeyPressListener(Key.ENTER, e -> runSearch());
        Button go = new Button("Search", e -> runSearch());
        go.setId("search-button");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new HorizontalLayout(box, go));

        facets.setId("facets");
        facets.getStyle().set("flex-wrap", "wrap");
        add(facets);

        people.setId("people-grid");
        people.addColumn(PersonResult::name).setHeader("Name").setAutoWidth(true);
        people.addColumn(PersonResult::dateOfBirth).setHeader("Date of birth");
        people.addColumn(p -> String.join(", ", p.postcodes())).setHeader("Postcodes");
        people.addColumn(p -> p.band() == null ? "" : p.band()).setHeader("Band");
        people.addColumn(p -> p.score() == null ? "" : String.format("%.1f", p.score())).setHeader("Score");
        people.addColumn(p -> String.join(", ", p.agencies())).setHeader("Agencies");
        people.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("profile/" + e.getItem().personId())));
        records.setId("records-grid");
        records.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        records.addColumn(RecordResult::date).setHeader("Date").setAutoWidth(true);
        records.addColumn(RecordResult::agency).setHeader("Agency");
        records.addColumn(RecordResult::recordType).setHeader("Type");
        records.addColumn(r -> String.join(", ", r.names())).setHeader("People");
        records.addColumn(new ComponentRenderer<>(r -> new Html("<div>" + String.join(" … ", r.snippets()) + "</div>")))
                .setHeader("Snippet").setFlexGrow(4);
        records.addItemClickListener(e -> {
            if (!e.getItem().personIds().isEmpty()) {
                getUI().ifPresent(ui -> ui.navigate("profile/" + e.getItem().personIds().getFirst()));
            }
        });
        shown.setId("search-shown");
        shown.setItems("people", "records");
        shown.setItemLabelGenerator(this::shownLabel);
        shown.setValue("people");
        records.setVisible(false);
        shown.addValueChangeListener(e -> {
            people.setVisible("people".equals(e.getValue()));
            records.setVisible("records".equals(e.getValue()));
        });
        people.setSizeFull();
        records.setSizeFull();
        add(shown, people, records);
    }

    private void runSearch() {
        ViewPurpose.require("Why are you searching?", purpose -> {
            text = box.getValue();
            filter = SearchFilter.NONE;
            refresh();
        });
    }

    private String shownLabel(String kind) {
        return "people".equals(kind) ? "People (" + peopleFound + ")" : "Records (" + recordsFound + ")";
    }

    private void refresh() {
        Summary summary = ViewPurpose.read(() -> search.search(text, filter));
        peopleFound = summary.people();
        recordsFound = summary.records();
        shown.setItemLabelGenerator(this::shownLabel);
        String currentText = text;
        SearchFilter currentFilter = filter;
        people.setItems(query -> search.people(currentText, currentFilter, query.getOffset(), query.getLimit()).stream());
        records.setItems(query -> search.records(currentText, currentFilter, query.getOffset(), query.getLimit()).stream());
        showFacets(summary.facets());
    }

    private void showFacets(Map<String, List<FacetValue>> values) {
        facets.removeAll();
        for (SearchFilter.Facet choice : SearchFilter.Facet.values()) {
            facet(choice.label, values.get(choice.key), filter.get(choice), (f, value) -> f.with(choice, value));
        }
        facet("Year", values.get("year"), filter.from() == null ? null : Integer.toString(filter.from().getYear()),
                (f, year) -> year == null ? f.withDates(null, null)
                        : f.withDates(LocalDate.of(Integer.parseInt(year), 1, 1), LocalDate.of(Integer.parseInt(year), 12, 31)));
    }

    private void facet(String label, List<FacetValue> values, String selected, BiFunction<SearchFilter, String, SearchFilter> apply) {
        if ((values == null || values.isEmpty()) && selected == null) {
            return;
        }
        ComboBox<FacetValue> box = new ComboBox<>(label);
        box.setItems(values == null ? List.of() : values);
        box.setItemLabelGenerator(v -> v.value() + " (" + v.count() + ")");
        box.setClearButtonVisible(true);
        if (selected != null && values != null) {
            values.stream().filter(v -> v.value().equals(selected)).findFirst().ifPresent(box::setValue);
        }
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                filter = apply.apply(filter, e.getValue() == null ? null : e.getValue().value());
                refresh();
            }
        });
        facets.add(box);
    }
}
