package org.tessera.portal.watchlist.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.tessera.portal.alerts.AlertService;
import org.tessera.portal.alerts.SubscriptionService;
import org.tessera.portal.alerts.ui.AlertsBar;
import org.tessera.portal.common.ui.MainLayout;
import org.tessera.portal.common.ui.ViewPurpose;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;
import org.tessera.portal.watchlist.ReviewAction;
import org.tessera.portal.watchlist.DutyWatchlistEntry;
import org.tessera.portal.watchlist.DutyWatchlist;

/**
 * The watchlist: children whose picture holds several live concerns first ("cumulative concern"),
 * then those one serious concern put in amber or red; duty managers act on them.
 */
@Route(value = "watchlist", layout = MainLayout.class)
@PageTitle("Watchlist | Tessera")
@RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
class WatchlistView extends VerticalLayout {

    private final DutyWatchlist watchlist;
    private final Grid<DutyWatchlistEntry> grid = new Grid<>();
    private final Checkbox dismissed = new Checkbox("Show dismissed");
    private final Span freshness = new Span();

    WatchlistView(DutyWatchlist watchlist, AlertService alerts, SubscriptionService subscriptions) {
        this.watchlist = watchlist;
        setSizeFull();
        add(new H2("Watchlist"));
        if (CurrentUser.hasRole(Roles.DUTY_MANAGER)) {
            // Alerts arrive by server push while the page is open (docs/portal.md).
            add(new AlertsBar(alerts, subscriptions, this::refresh));
        }
        add(new Span("Cumulative concern: amber or red with several live concerns, listed first. "
                + "Serious single concern: amber or red from fewer concerns, entered or rising in the period."));
        dismissed.addValueChangeListener(e -> refresh());
        freshness.setId("watchlist-freshness");
        add(new com.vaadin.flow.component.orderedlayout.HorizontalLayout(dismissed, freshness));
        grid.setId("watchlist-grid");
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(e -> {
            // A single click on the name opens the profile (a double click on the row was not found by users).
            Anchor name = new Anchor("profile/" + e.personId(), e.name());
            name.addClassName("child-link");
            VerticalLayout cell = new VerticalLayout(new HorizontalLayout(name), new Span(e.dateOfBirth() == null ? "" : "born " + e.dateOfBirth()));
            if (e.newSinceLastVisit()) {
                Span fresh = new Span("new");
                fresh.getElement().getThemeList().add("badge success small");
                ((HorizontalLayout) cell.getComponentAt(0)).add(fresh);
            }
            cell.setPadding(false);
            cell.setSpacing(false);
            return cell;
        }).setHeader("Child").setWidth("14em").setFlexGrow(0);
        grid.addComponentColumn(e -> {
            boolean cumulative = "cumulative".equals(e.section());
            Span section = new Span(cumulative ? "Cumulative, " + e.concerns() + " concerns" : "Single concern");
            section.getElement().getThemeList().add("badge small " + (cumulative ? "primary" : "contrast"));
            Span band = new Span(e.band());
            band.getElement().getThemeList().add("badge small " + ("red".equals(e.band()) ? "error" : "contrast"));
            VerticalLayout cell = new VerticalLayout(section, new HorizontalLayout(band,
                    new Span(String.format("%.1f (%+.1f in %s)", e.score(), e.rise(), "period"))));
            cell.setPadding(false);
            cell.setSpacing(false);
            return cell;
        }).setHeader("Risk").setWidth("15em").setFlexGrow(0);
        grid.addColumn(DutyWatchlistEntry::reason).setHeader("Why").setFlexGrow(1);
        grid.addComponentColumn(e -> {
            VerticalLayout cell = new VerticalLayout(new Span(e.state() + (e.assignedTo() == null ? "" : " → " + e.assignedTo())));
            if (e.decision() != null) {
                Span decision = new Span("MASH: " + e.decision());
                decision.addClassName("mash-decision");
                cell.add(decision);
            }
            cell.setPadding(false);
            cell.setSpacing(false);
            return cell;
        }).setHeader("State and decision").setWidth("13em").setFlexGrow(0);
        grid.addComponentColumn(e -> {
            Button review = new Button("Review", click -> getUI().ifPresent(ui -> ui.navigate("review/" + e.personId())));
            review.setId("review-" + e.personId());
            review.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            review.getElement().setAttribute("aria-label", "Review the referral of " + e.name());
            return review;
        }).setHeader("Referral").setWidth("7em").setFlexGrow(0);
        if (CurrentUser.hasRole(Roles.DUTY_MANAGER)) {
            grid.addComponentColumn(this::actions).setHeader("Actions").setWidth("13em").setFlexGrow(0);
        }
        grid.addItemDoubleClickListener(e -> getUI().ifPresent(ui -> ui.navigate("profile/" + e.getItem().personId())));
        grid.setSizeFull();
        add(grid);
        refresh();
    }

    private HorizontalLayout actions(DutyWatchlistEntry entry) {
        Button acknowledge = new Button("Acknowledge", e -> act(entry, ReviewAction.ACKNOWLEDGE, null, null));
        acknowledge.setId("ack-" + entry.personId());
        Button assign = new Button("Assign", e -> ask(entry, ReviewAction.ASSIGN, "Assign to"));
        Button escalate = new Button("Escalate", e -> ask(entry, ReviewAction.ESCALATE, "Reason for escalation"));
        Button dismiss = new Button("Dismiss", e -> ask(entry, ReviewAction.DISMISS, "Reason for dismissal (required)"));
        HorizontalLayout buttons = new HorizontalLayout(acknowledge, assign, escalate, dismiss);
        buttons.getChildren().forEach(b -> ((Button) b).addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY));
        buttons.setSpacing(false);
        buttons.getStyle().set("flex-wrap", "wrap");
        return buttons;
    }

    private void ask(DutyWatchlistEntry entry, ReviewAction action, String label) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(entry.name());
        TextField value = new TextField(label);
        value.setWidthFull();
        dialog.add(value);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), new Button("Save", e -> {
            try {
                if (action == ReviewAction.ASSIGN) {
                    act(entry, action, value.getValue(), null);
                } else {
                    act(entry, action, null, value.getValue());
                }
                dialog.close();
            } catch (IllegalArgumentException problem) {
                value.setInvalid(true);
                value.setErrorMessage(problem.getMessage());
            }
        }));
        dialog.open();
    }

    private void act(DutyWatchlistEntry entry, ReviewAction action, String assignee, String reason) {
        String state = watchlist.review(entry.personId(), action, assignee, reason);
        Notification.show(entry.name() + ": " + state);
        refresh();
    }

    private void refresh() {
        ViewPurpose.require("Why are you opening the watchlist?", purpose -> {
            grid.setItems(ViewPurpose.read(() -> watchlist.entries(dismissed.getValue(), 500)));
            // The list may be the one ranked before the latest records, while they are ranked (ADR 0022): say so.
            DutyWatchlist.Freshness f = watchlist.freshness();
            String at = f.rankedAt() == null ? "" : "Ranked at " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                    .withZone(java.time.ZoneId.systemDefault()).format(f.rankedAt());
            freshness.setText(f.updating() ? at + "; newer records arrived and are being ranked: reload in a minute" : at);
        });
    }
}
