package org.tessera.portal.review.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;
import org.tessera.portal.audit.ReadPurpose;
import org.tessera.portal.common.ui.HouseholdNetworkPanel;
import org.tessera.portal.common.ui.MainLayout;
import org.tessera.portal.profile.ProfileService;
import org.tessera.portal.common.ui.PurposeDialog;
import org.tessera.portal.common.ui.TrendChart;
import org.tessera.portal.review.MashDecision;
import org.tessera.portal.review.PackFormat;
import org.tessera.portal.review.ReferralReview;
import org.tessera.portal.review.ReferralReviewService;
import org.tessera.portal.risk.RiskDay;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/**
 * The referral review page (docs/portal.md): the MASH research record of one child on one screen,
 * each statement with buttons to the records it rests on, the strategy pack downloads and the
 * decision form. Opening asks for the purpose first, as the profile does.
 */
@Route(value = "review", layout = MainLayout.class)
@PageTitle("Referral review | Tessera")
@RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
class ReviewView extends VerticalLayout implements BeforeEnterObserver, HasUrlParameter<String> {

    private static final int SOURCES_SHOWN = 4;

    private final ReferralReviewService reviews;
    private final RiskDay day;
    private final ProfileService profiles;
    private String personId;
    private String purpose;

    ReviewView(ReferralReviewService reviews, RiskDay day, ProfileService profiles) {
        this.reviews = reviews;
        this.day = day;
        this.profiles = profiles;
        setWidthFull();
        addClassName("review-page");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        this.personId = parameter;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        new PurposeDialog("Why are you opening this referral review?", PurposeDialog.PURPOSES.getFirst(), this::load, () -> getUI().ifPresent(ui -> ui.navigate("watchlist"))).open();
    }

    private void load(String stated) {
        this.purpose = stated;
        removeAll();
        var found = ReadPurpose.with(stated, () -> reviews.open(personId));
        if (found.isEmpty()) {
            add(new Paragraph("No person " + personId));
            return;
        }
        render(found.get());
    }

    private void render(ReferralReview.Page page) {
        removeAll();
        H2 title = new H2(page.name());
        title.setId("review-name");
        Span band = new Span(page.risk().band().toUpperCase(Locale.ROOT));
        band.getElement().getThemeList().add("badge " + ("red".equals(page.risk().band()) ? "error" : "amber".equals(page.risk().band()) ? "contrast" : "success"));
        Span score = new Span(String.format(Locale.ROOT, "score %.1f, %+.1f in 30 days, as of %s", page.risk().score(), page.risk().velocity(), page.risk().asOf()));
        HorizontalLayout head = new HorizontalLayout(title, band, score);
        head.setAlignItems(Alignment.BASELINE);
        Anchor pdf = download(page, PackFormat.PDF, "Strategy pack (PDF)");
        pdf.setId("pack-pdf");
        Anchor docx = download(page, PackFormat.DOCX, "Strategy pack (DOCX)");
        docx.setId("pack-docx");
        Anchor profile = new Anchor("profile/" + page.personId(), "Full profile and chronology");
        profile.setId("open-profile");
        HorizontalLayout actions = new HorizontalLayout(pdf, docx, profile);
        add(head, new Span("Purpose of this view: " + purpose + ". Each statement links to the records it rests on."), actions);

        Div grid = new Div();
        grid.addClassName("review-grid");
        grid.setWidthFull();
        for (ReferralReview.Section section : page.sections()) {
            Div card = card(section);
            if ("concerns".equals(section.id())) {
                card.add(TrendChart.of(page.risk().trend()));
            }
            grid.add(card);
        }
        if (CurrentUser.hasRole(Roles.DUTY_MANAGER)) {
            grid.add(decisionForm(page));
        }
        add(grid);
        add(new HouseholdNetworkPanel(profiles.network(page.personId()), day.today()));
    }

    private Anchor download(ReferralReview.Page page, PackFormat format, String label) {
        String statedPurpose = purpose;
        Anchor anchor = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = ReadPurpose.with(statedPurpose, () -> reviews.pack(page.personId(), format)).orElse(null);
            if (bytes == null) {
                return DownloadResponse.error(404);
            }
            return new DownloadResponse(new ByteArrayInputStream(bytes), format.fileName(page), format.contentType(), bytes.length);
        }), label);
        anchor.getElement().setAttribute("download", format.fileName(page));
        anchor.getElement().setAttribute("title", "Downloading is recorded in the audit trail as a disclosure for: " + purpose);
        return anchor;
    }

    private Div card(ReferralReview.Section section) {
        Div card = new Div();
        card.setId("section-" + section.id());
        card.addClassName("review-card");
        H3 heading = new H3(section.title());
        card.add(heading);
        if (section.summary() != null) {
            Span summary = new Span(section.summary());
            summary.addClassName("review-summary");
            card.add(summary);
        }
        UnorderedList list = new UnorderedList();
        for (ReferralReview.Line line : section.lines()) {
            ListItem item = new ListItem();
            item.addClassName("tone-" + line.tone().name().toLowerCase(Locale.ROOT));
            if (line.tone() == ReferralReview.Tone.NEW) {
                Span fresh = new Span("new");
                fresh.getElement().getThemeList().add("badge success small");
                item.add(fresh, new Span(" "));
            }
            item.add(new Span(line.text()));
            List<ReferralReview.Source> sources = line.sources();
            for (ReferralReview.Source source : sources.subList(0, Math.min(SOURCES_SHOWN, sources.size()))) {
                item.add(sourceButton(source));
            }
            if (sources.size() > SOURCES_SHOWN) {
                Button more = new Button("+" + (sources.size() - SOURCES_SHOWN) + " more", e -> allSources(line));
                more.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
                item.add(more);
            }
            list.add(item);
        }
        card.add(list);
        return card;
    }

    private Button sourceButton(ReferralReview.Source source) {
        Button button = new Button(source.label(), e -> openRecord(source));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
        button.addClassName("source-link");
        button.getElement().setAttribute("data-event", source.eventId());
        button.getElement().setAttribute("aria-label", "Open the record: " + source.label());
        return button;
    }

    private void allSources(ReferralReview.Line line) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Records behind: " + line.text());
        dialog.setWidth("40em");
        VerticalLayout list = new VerticalLayout();
        for (ReferralReview.Source source : line.sources()) {
            list.add(sourceButton(source));
        }
        dialog.add(list);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private void openRecord(ReferralReview.Source source) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(source.label());
        dialog.setWidth("48em");
        var record = ReadPurpose.with(purpose, () -> reviews.record(personId, source.eventId()));
        if (record.isEmpty()) {
            dialog.add(new Paragraph("The record " + source.eventId() + " is no longer in the index."));
        } else {
            var entry = record.get();
            dialog.add(new Paragraph("Reference " + entry.eventId() + (entry.title() == null ? "" : " – " + entry.title())));
            dialog.add(new Html("<div class='note'>" + (entry.highlighted() == null || entry.highlighted().isBlank()
                    ? HtmlUtils.htmlEscape("(no text: a coded record)") : entry.highlighted()) + "</div>"));
        }
        Button close = new Button("Close", e -> dialog.close());
        close.setId("record-close");
        dialog.getFooter().add(close);
        dialog.open();
    }

    private Component decisionForm(ReferralReview.Page page) {
        Div card = new Div();
        card.setId("decision-form");
        card.addClassName("review-card");
        card.add(new H3("Decision"));
        RadioButtonGroup<MashDecision.Rag> rag = new RadioButtonGroup<>("RAG rating");
        rag.setId("decision-rag");
        rag.setItems(MashDecision.Rag.values());
        rag.setItemLabelGenerator(MashDecision.Rag::label);
        RadioButtonGroup<MashDecision.Outcome> outcome = new RadioButtonGroup<>("Outcome");
        outcome.setId("decision-outcome");
        outcome.setItems(MashDecision.Outcome.values());
        outcome.setItemLabelGenerator(MashDecision.Outcome::label);
        RadioButtonGroup<MashDecision.Consent> consent = new RadioButtonGroup<>("Do the parents know and consent?");
        consent.setId("decision-consent");
        consent.setItems(MashDecision.Consent.values());
        consent.setItemLabelGenerator(MashDecision.Consent::label);
        TextArea rationale = new TextArea("Rationale (the child's safety, what weighed, what is outstanding)");
        rationale.setId("decision-rationale");
        rationale.setWidthFull();
        DatePicker next = new DatePicker("Next review");
        next.setId("decision-next");
        next.setLocale(Locale.UK);
        // The RAG rating sets the clock (MASH practice: red same day, amber within a week, green within four weeks).
        rag.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                next.setValue(suggestedReview(e.getValue()));
            }
        });
        Button save = new Button("Record decision", click -> {
            try {
                MashDecision decision = reviews.decide(personId, rag.getValue(), outcome.getValue(), rationale.getValue(),
                        consent.getValue(), next.getValue());
                Notification.show("Decision recorded: " + decision.summary());
                ReadPurpose.with(purpose, () -> reviews.open(personId)).ifPresent(this::render);
            } catch (IllegalArgumentException | NullPointerException problem) {
                Notification.show("Not recorded: " + problem.getMessage());
            }
        });
        save.setId("decision-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        card.add(rag, outcome, consent, rationale, next, save);
        if (!page.decisions().isEmpty()) {
            Span last = new Span("Last decision: " + page.decisions().getFirst().summary());
            last.setId("decision-last");
            card.add(last);
        }
        return card;
    }

    private LocalDate suggestedReview(MashDecision.Rag rag) {
        LocalDate today = day.today();
        return switch (rag) {
            case RED -> today.plusDays(1);
            case AMBER -> today.plusDays(7);
            case GREEN -> today.plusDays(28);
            case BLUE -> today.plusDays(90);
        };
    }
}
