package org.tessera.portal.alerts.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.tessera.indexer.arrivals.Alert;
import org.tessera.indexer.arrivals.AlertStore;
import org.tessera.indexer.watchlist.WatchlistSection;
import org.tessera.portal.alerts.AlertBroadcaster;
import org.tessera.portal.alerts.AlertService;
import org.tessera.portal.alerts.Subscription;
import org.tessera.portal.alerts.SubscriptionService;
import org.tessera.portal.security.CurrentUser;

/**
 * The duty manager's alerts on the watchlist page: a badge that counts alerts pushed to this page
 * since it opened (server push: no reload), the list of their alerts, and their subscription.
 * On each pushed alert the page's watchlist is read again (with the purpose stated for it).
 */
public class AlertsBar extends HorizontalLayout {

    private final AlertService alerts;
    private final SubscriptionService subscriptions;
    private final Runnable refreshWatchlist;
    private final Span badge = new Span("No new alerts");
    private int fresh;
    private AlertBroadcaster.Registration registration;

    public AlertsBar(AlertService alerts, SubscriptionService subscriptions, Runnable refreshWatchlist) {
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.refreshWatchlist = refreshWatchlist;
        setAlignItems(Alignment.CENTER);
        badge.setId("alert-badge");
        badge.getElement().getThemeList().add("badge contrast");
        badge.getElement().setAttribute("aria-live", "polite");
        Button list = new Button("Alerts", e -> openList());
        list.setId("alerts-open");
        Button follow = new Button("Follow sections", e -> openSubscription());
        follow.setId("alerts-follow");
        List.of(list, follow).forEach(b -> b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY));
        add(badge, list, follow);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        String user = CurrentUser.name();
        List<String> roles = CurrentUser.roles();
        registration = alerts.follow(alert -> ui.access(() -> as(signedIn, () -> {
            shown(alert);
            alerts.delivered(user, roles, alert, "portal page");
        })));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    private void shown(Alert alert) {
        fresh++;
        badge.setText(fresh + (fresh == 1 ? " new alert" : " new alerts"));
        badge.getElement().getThemeList().remove("contrast");
        badge.getElement().getThemeList().add("error");
        Notification notification = Notification.show("Watchlist alert: " + describe(alert), 8000, Notification.Position.TOP_END);
        notification.addThemeVariants(NotificationVariant.LUMO_WARNING);
        refreshWatchlist.run();
    }

    private void openList() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Your alerts");
        VerticalLayout rows = new VerticalLayout();
        rows.setPadding(false);
        List<AlertStore.Stored> mine = alerts.mine(50);
        if (mine.isEmpty()) {
            rows.add(new Span("No alerts yet. Follow a section to receive them."));
        }
        for (AlertStore.Stored stored : mine) {
            Alert alert = stored.alert();
            Anchor open = new Anchor("profile/" + alert.personId(), "Open the child's profile");
            open.getElement().addEventListener("click", e -> alerts.opened(alert));
            Span what = new Span(alert.createdAt().toString().replace('T', ' ').substring(0, 16) + " · " + describe(alert)
                    + (stored.seen() ? "" : " · new"));
            rows.add(new HorizontalLayout(what, open));
        }
        dialog.add(rows);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
        fresh = 0;
        badge.setText("No new alerts");
        badge.getElement().getThemeList().remove("error");
        badge.getElement().getThemeList().add("contrast");
    }

    private void openSubscription() {
        Subscription current = subscriptions.mine();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Follow the watchlist");
        Checkbox cumulative = new Checkbox(WatchlistSection.CUMULATIVE.title(), current.sections().contains(WatchlistSection.CUMULATIVE.label()));
        cumulative.setId("follow-cumulative");
        Checkbox single = new Checkbox(WatchlistSection.SINGLE_CONCERN.title(),
                current.sections().contains(WatchlistSection.SINGLE_CONCERN.label()));
        single.setId("follow-single");
        TextField districts = new TextField("Postcode districts (optional, comma-separated; none: all)");
        districts.setValue(String.join(", ", current.districts()));
        districts.setWidthFull();
        TextField email = new TextField("E-mail for alerts (optional; the message holds only a link)");
        email.setValue(current.email() == null ? "" : current.email());
        email.setWidthFull();
        dialog.add(new VerticalLayout(cumulative, single, districts, email));
        Button save = new Button("Save", e -> {
            Set<String> sections = new LinkedHashSet<>();
            if (cumulative.getValue()) {
                sections.add(WatchlistSection.CUMULATIVE.label());
            }
            if (single.getValue()) {
                sections.add(WatchlistSection.SINGLE_CONCERN.label());
            }
            Set<String> chosen = Arrays.stream(districts.getValue().split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            try {
                subscriptions.save(sections, chosen, email.getValue());
                Notification.show(sections.isEmpty() ? "You follow no section" : "Following " + String.join(" and ", sections));
                dialog.close();
            } catch (IllegalArgumentException problem) {
                districts.setInvalid(true);
                districts.setErrorMessage(problem.getMessage());
            }
        });
        save.setId("follow-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private static String describe(Alert alert) {
        String section = "cumulative".equals(alert.change().section()) ? WatchlistSection.CUMULATIVE.title()
                : WatchlistSection.SINGLE_CONCERN.title();
        return "a child " + (alert.change().kind().label().equals("entered") ? "entered " : "rose in ") + section
                + " (" + alert.change().band().toLowerCase(Locale.ROOT) + ")";
    }

    /** Runs {@code work} as the page's user: server-push callbacks run outside the user's request. */
    private static void as(Authentication user, Runnable work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(user);
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
