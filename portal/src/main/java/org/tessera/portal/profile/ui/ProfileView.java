package org.tessera.portal.profile.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Objects;
import org.tessera.portal.audit.ReadPurpose;
import org.tessera.portal.common.ui.EChart;
import org.tessera.portal.common.ui.HouseholdNetworkPanel;
import org.tessera.portal.common.ui.MainLayout;
import org.tessera.portal.common.ui.PurposeDialog;
import org.tessera.portal.common.ui.TrendChart;
import org.tessera.portal.profile.LinkDecisions;
import org.tessera.portal.profile.Profile;
import org.tessera.portal.profile.ProfileService;
import org.tessera.portal.review.MashDecision;
import org.tessera.portal.review.ReferralReviewService;
import org.tessera.portal.security.Roles;

/** A child's profile: identity, household, risk, contributing indicators, chronology and possible duplicates. */
@Route(value = "profile", layout = MainLayout.class)
@PageTitle("Profile | Tessera")
@RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
class ProfileView extends VerticalLayout implements BeforeEnterObserver, com.vaadin.flow.router.HasUrlParameter<String> {


    private final ProfileService profiles;
    private final ReferralReviewService reviews;
    private String personId;
    /** The purpose stated for this profile: every read the page makes is audited with it. */
    private String purpose;

    ProfileView(ProfileService profiles, ReferralReviewService reviews) {
        this.profiles = profiles;
        this.reviews = reviews;
        setWidthFull();
    }

    @Override
    public void setParameter(com.vaadin.flow.router.BeforeEvent event, String parameter) {
        this.personId = parameter;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        new PurposeDialog(this::load, () -> getUI().ifPresent(ui -> ui.navigate("search"))).open();
    }

    private void load(String stated) {
        this.purpose = stated;
        var view = ReadPurpose.with(purpose, () -> profiles.open(personId));
        if (view.isEmpty()) {
            add(new Paragraph("No person " + personId));
            return;
        }
        Profile.View profile = view.get();
        H2 title = new H2(profile.identity().name());
        title.setId("profile-name");
        add(title);
        Anchor review = new Anchor("review/" + personId, "Referral review and strategy pack");
        review.setId("open-review");
        MashDecision decision = reviews.latestDecisions(List.of(personId)).get(personId);
        Span decided = new Span(decision == null ? "No MASH decision recorded" : "Latest MASH decision: " + decision.summary()
                + (decision.nextReview() == null ? "" : ", next review " + decision.nextReview()));
        decided.setId("profile-decision");
        add(new HorizontalLayout(review, decided));
        HorizontalLayout top = new HorizontalLayout(identity(profile.identity()), household(profile.household()), risk(profile.risk()));
        top.setWidthFull();
        add(top);
        add(new HouseholdNetworkPanel(profiles.network(personId), java.time.LocalDate.now()));
        add(chronology(profile.household()));
        add(duplicates());
    }

    private VerticalLayout identity(Profile.Identity identity) {
        VerticalLayout box = section("Identity");
        box.add(line("Names", String.join(" ", identity.givenNames()) + " " + String.join(" ", identity.familyNames())));
        box.add(line("Also known as", String.join(", ", identity.aliases())));
        box.add(line("Date of birth", String.join(" / ", identity.datesOfBirth())));
        box.add(line("Gender", Objects.toString(identity.gender(), "")));
        box.add(line("Identifiers", String.join("; ", identity.identifiers())));
        box.add(line("Agencies", String.join(", ", identity.agencies())));
        for (Profile.Address address : identity.addresses()) {
            box.add(line("Lived at", Objects.toString(address.address(), "") + " " + Objects.toString(address.postcode(), "")
                    + " (" + Objects.toString(address.from(), "?") + " to " + Objects.toString(address.to(), "now") + ")"));
        }
        return box;
    }

    private VerticalLayout household(List<Profile.Member> members) {
        VerticalLayout box = section("Household and relations");
        if (members.isEmpty()) {
            box.add(new Span("None recorded"));
        }
        for (Profile.Member member : members) {
            box.add(new Anchor("profile/" + member.personId(), member.name() + " – " + member.relation()
                    + (member.dateOfBirth() == null ? "" : " (born " + member.dateOfBirth() + ")")));
        }
        return box;
    }

    private VerticalLayout risk(Profile.Risk risk) {
        VerticalLayout box = section("Risk");
        Span band = new Span(risk.band() == null ? "not scored" : risk.band().toUpperCase(java.util.Locale.ROOT));
        band.setId("risk-band");
        band.getElement().getThemeList().add("badge " + ("red".equals(risk.band()) ? "error" : "amber".equals(risk.band()) ? "contrast" : "success"));
        box.add(new HorizontalLayout(band, new Span(risk.score() == null ? "" : String.format("score %.1f", risk.score())),
                new Span(risk.velocity() == null ? "" : String.format("%+.1f in 30 days", risk.velocity()))));
        box.add(TrendChart.of(profiles.trend(personId)));
        Div top = new Div();
        top.setId("contributions");
        for (Profile.Contribution c : profiles.contributions(personId).stream().limit(5).toList()) {
            String name = c.title().equals(c.indicatorId()) ? c.indicatorId() : c.title() + " (" + c.indicatorId() + ")";
            top.add(new Paragraph(name + ": " + c.hits() + " hit(s), " + String.format("%.1f", c.points())
                    + " points, last " + c.lastDate() + ("direct".equals(c.reach()) ? "" : ", via " + c.reach())
                    + (c.example() == null ? "" : " – “" + c.example() + "”")));
        }
        box.add(top);
        return box;
    }

    private VerticalLayout chronology(List<Profile.Member> members) {
        VerticalLayout box = section("Multi-agency chronology");
        // The first page also brings every agency and concern of the chronology, for the filters' choices.
        Profile.ChronologyPage first = ReadPurpose.with(purpose,
                () -> profiles.readableChronology(personId, Profile.ChronologyFilter.NEWEST_FIRST, null));
        Checkbox newestFirst = new Checkbox("Newest first", true);
        newestFirst.setId("chronology-newest-first");
        ComboBox<String> agency = new ComboBox<>("Agency");
        agency.setItems(first.agencies());
        agency.setClearButtonVisible(true);
        ComboBox<String> concern = new ComboBox<>("Concern");
        concern.setId("chronology-concern");
        concern.setItems(first.concerns());
        concern.setItemLabelGenerator(c -> c.replace('_', ' '));
        concern.setClearButtonVisible(true);
        ComboBox<Profile.Member> person = new ComboBox<>("Person");
        person.setItems(members.stream().filter(m -> !m.child()).toList());
        person.setItemLabelGenerator(m -> m.name() + " (" + m.relation() + ")");
        person.setClearButtonVisible(true);
        DatePicker from = new DatePicker("From");
        DatePicker to = new DatePicker("To");
        from.setLocale(java.util.Locale.UK);
        to.setLocale(java.util.Locale.UK);
        Div entries = new Div();
        entries.setId("chronology");
        entries.setWidthFull();
        EChart timeline = new EChart("Timeline of the records below, by agency; significant events are marked with a pin and "
                + "labelled “significant” in the list", "100%", "320px");
        timeline.setId("chronology-timeline");
        List<Profile.ChronologyLine> shownLines = new java.util.ArrayList<>();
        timeline.onClick(eventId -> shownLines.stream().filter(l -> eventId.equals(l.entry().eventId())).findFirst()
                .ifPresent(l -> openReader(l.entry())));
        Button more = new Button("Show older records");
        more.setId("chronology-more");
        Profile.ChronologyCursor[] next = {null};
        Profile.ChronologyFilter[] shown = {Profile.ChronologyFilter.NEWEST_FIRST};
        // Each page is a new read, audited with the page's purpose; "Show older records" appends the next page.
        java.util.function.Consumer<Profile.ChronologyPage> show = page -> {
            shownLines.addAll(page.lines());
            page.lines().forEach(line -> entries.add(entry(line)));
            timeline.setOption(ChronologyChart.option(shownLines));
            next[0] = page.next();
            more.setText(shown[0].newestFirst() ? "Show older records" : "Show later records");
            more.setVisible(page.next() != null);
        };
        Runnable refresh = () -> {
            entries.removeAll();
            shownLines.clear();
            shown[0] = new Profile.ChronologyFilter(newestFirst.getValue(), agency.getValue(), concern.getValue(),
                    person.getValue() == null ? null : person.getValue().personId(), from.getValue(), to.getValue());
            show.accept(ReadPurpose.with(purpose, () -> profiles.readableChronology(personId, shown[0], null)));
        };
        more.addClickListener(e -> show.accept(ReadPurpose.with(purpose, () -> profiles.readableChronology(personId, shown[0], next[0]))));
        newestFirst.addValueChangeListener(e -> refresh.run());
        agency.addValueChangeListener(e -> refresh.run());
        concern.addValueChangeListener(e -> refresh.run());
        person.addValueChangeListener(e -> refresh.run());
        from.addValueChangeListener(e -> refresh.run());
        to.addValueChangeListener(e -> refresh.run());
        HorizontalLayout filters = new HorizontalLayout(newestFirst, agency, concern, person, from, to);
        filters.setAlignItems(Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        box.add(new Span("Routine attendance returns are grouped, one line per school year. Household adults' records that do not "
                + "name the child are marked “household”. " + ProfileService.PAGE_SIZE + " records a page. In the timeline, click a point "
                + "to read its record."), filters, timeline, entries, more);
        show.accept(first);
        return box;
    }

    private Details entry(Profile.ChronologyLine line) {
        Profile.Entry entry = line.entry();
        StringBuilder chips = new StringBuilder();
        for (Profile.Evidence e : entry.evidence()) {
            chips.append("<span class='chip").append(e.counts() ? "" : " not-counted").append("'>")
                    .append(org.springframework.web.util.HtmlUtils.htmlEscape(e.indicatorId()
                            + (e.counts() ? "" : " – " + Objects.toString(e.context(), "not counted"))))
                    .append("</span>");
        }
        String marks = (ChronologyChart.significant(line) ? "<span class='chip significant'>significant</span>" : "")
                + (line.household() ? "<span class='chip household'>household: " + esc(String.join(", ", line.people())) + "</span>" : "")
                + (line.grouped() > 1 ? "<span class='chip grouped'>" + line.grouped() + " returns</span>" : "");
        String summary = "<span><b>" + esc(entry.date() == null ? "" : entry.date().substring(0, Math.min(10, entry.date().length())))
                + "</b> " + esc(entry.agency()) + " · " + esc(entry.recordType())
                + (entry.title() == null ? "" : " · " + esc(entry.title())) + " " + marks + chips + "</span>";
        Div text = new Div(new Html("<div class='note'>" + entry.highlighted() + "</div>"));
        Button reader = new Button("Open case-note reader", click -> openReader(entry));
        Details details = new Details(new Html(summary), text, reader);
        details.addClassName("chronology-entry");
        if (line.household()) {
            details.addClassName("household-entry");
        }
        details.getElement().setAttribute("data-agency", Objects.toString(entry.agency(), ""));
        details.setWidthFull();
        return details;
    }

    private void openReader(Profile.Entry entry) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(entry.date() + " – " + entry.agency() + " " + entry.recordType());
        dialog.setWidth("48em");
        dialog.add(new Html("<div class='note'>" + entry.highlighted() + "</div>"));
        Grid<Profile.Evidence> hits = new Grid<>();
        hits.addColumn(Profile.Evidence::indicatorId).setHeader("Indicator");
        hits.addColumn(Profile.Evidence::severity).setHeader("Severity");
        hits.addColumn(e -> e.counts() ? "counts" : "not counted (" + Objects.toString(e.context(), "context") + ")").setHeader("Counts");
        hits.addColumn(Profile.Evidence::evidence).setHeader("Evidence").setFlexGrow(3);
        hits.setItems(entry.evidence());
        hits.setAllRowsVisible(true);
        dialog.add(hits);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private VerticalLayout duplicates() {
        VerticalLayout box = section("Possible duplicates");
        Grid<Profile.Candidate> grid = new Grid<>();
        grid.addComponentColumn(c -> new Anchor("profile/" + c.personId(), c.name())).setHeader("Name");
        grid.addColumn(Profile.Candidate::dateOfBirth).setHeader("Date of birth");
        grid.addColumn(c -> String.join(", ", c.postcodes())).setHeader("Postcodes");
        grid.addColumn(c -> String.format("%.0f%%", 100 * c.similarity())).setHeader("Similarity");
        grid.addColumn(c -> c.decision() == null ? "undecided" : c.decision()).setHeader("Decision");
        grid.addComponentColumn(c -> {
            TextField reason = new TextField();
            reason.setPlaceholder("reason");
            Button same = new Button("Same person", e -> decide(grid, c, LinkDecisions.Decision.SAME_PERSON, reason.getValue()));
            Button different = new Button("Different", e -> decide(grid, c, LinkDecisions.Decision.DIFFERENT_PEOPLE, reason.getValue()));
            return new HorizontalLayout(reason, same, different);
        }).setHeader("Merge / split").setAutoWidth(true);
        grid.setItems(profiles.duplicates(personId));
        grid.setAllRowsVisible(true);
        box.add(grid);
        return box;
    }

    private void decide(Grid<Profile.Candidate> grid, Profile.Candidate candidate, LinkDecisions.Decision decision, String reason) {
        profiles.decide(personId, candidate.personId(), decision, reason);
        grid.setItems(profiles.duplicates(personId));
        Notification.show("Decision recorded; the linker applies it on its next run");
    }

    private static VerticalLayout section(String title) {
        VerticalLayout box = new VerticalLayout(new H3(title));
        box.setPadding(false);
        box.setSpacing(false);
        return box;
    }

    private static Div line(String label, String value) {
        Div div = new Div(new Span(label + ": "), new Span(value));
        return div;
    }

    private static String esc(String value) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(Objects.toString(value, ""));
    }
}
