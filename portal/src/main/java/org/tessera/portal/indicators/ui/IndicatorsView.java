package org.tessera.portal.indicators.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;
import org.tessera.portal.common.ui.MainLayout;
import org.tessera.portal.indicators.IndicatorService;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/** The indicator catalogue and a test bench that runs pasted text through the real percolator. */
@Route(value = "indicators", layout = MainLayout.class)
@PageTitle("Indicators | Tessera")
@RolesAllowed({Roles.ANALYST, Roles.ADMINISTRATOR})
class IndicatorsView extends VerticalLayout {

    private final IndicatorService indicators;
    private final Grid<IndicatorService.Indicator> grid = new Grid<>();
    private List<IndicatorService.Indicator> all = List.of();

    IndicatorsView(IndicatorService indicators) {
        this.indicators = indicators;
        setWidthFull();
        add(new H2("Indicator test bench"));
        TextArea text = new TextArea("Paste a case note or incident narrative");
        text.setId("bench-text");
        text.setWidthFull();
        text.setMinHeight("8em");
        Div results = new Div();
        results.setId("bench-results");
        Button test = new Button("Test", e -> {
            results.removeAll();
            var matches = indicators.test(text.getValue());
            if (matches.isEmpty()) {
                results.add(new Paragraph("No indicator fires on this text."));
            }
            for (IndicatorService.Match match : matches) {
                results.add(new Html("<div class='bench-match'><b>" + HtmlUtils.htmlEscape(match.id()) + "</b> – "
                        + HtmlUtils.htmlEscape(String.valueOf(match.title())) + " (" + HtmlUtils.htmlEscape(String.valueOf(match.severity()))
                        + (match.enabled() ? "" : ", disabled") + ")"
                        + (match.counts() ? "" : " <span class='bench-context'>" + HtmlUtils.htmlEscape(match.context())
                                + ": does not count</span>")
                        + "<br>" + String.join(" … ", match.highlighted()) + "</div>"));
            }
        });
        test.setId("bench-test");
        test.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(text, test, results);

        add(new H3("Catalogue"));
        TextField filter = new TextField();
        filter.setPlaceholder("Filter by id, title or group");
        filter.addValueChangeListener(e -> show(e.getValue()));
        add(filter);
        grid.setId("indicator-grid");
        grid.addColumn(IndicatorService.Indicator::id).setHeader("Id").setAutoWidth(true);
        grid.addColumn(IndicatorService.Indicator::title).setHeader("Title").setFlexGrow(2);
        grid.addColumn(IndicatorService.Indicator::group).setHeader("Group");
        grid.addColumn(IndicatorService.Indicator::severity).setHeader("Severity");
        grid.addColumn(i -> i.weight() == null ? "" : i.weight().toString()).setHeader("Weight");
        grid.addColumn(IndicatorService.Indicator::version).setHeader("Version");
        boolean admin = CurrentUser.hasRole(Roles.ADMINISTRATOR);
        grid.addComponentColumn(i -> {
            Checkbox enabled = new Checkbox(i.enabled());
            enabled.setReadOnly(!admin);
            enabled.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    indicators.setEnabled(i.id(), e.getValue());
                    reload();
                }
            });
            return enabled;
        }).setHeader(admin ? "Enabled" : "Enabled (administrators change)");
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(i ->
                new Html("<pre style='white-space:pre-wrap'>" + HtmlUtils.htmlEscape(i.description() == null ? "" : i.description())
                        + "\n" + HtmlUtils.htmlEscape(i.query()) + "</pre>")));
        grid.setAllRowsVisible(true);
        add(grid);
        reload();
    }

    private void reload() {
        all = indicators.catalogue();
        show("");
    }

    private void show(String filter) {
        String f = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
        grid.setItems(all.stream().filter(i -> f.isEmpty() || (i.id() + " " + i.title() + " " + i.group()).toLowerCase(Locale.ROOT).contains(f)).toList());
    }
}
