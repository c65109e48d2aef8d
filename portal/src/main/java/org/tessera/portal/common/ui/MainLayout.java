package org.tessera.portal.common.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/** The frame around every view: navigation showing only what the user's roles allow, and sign-out. */
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        H1 title = new H1("Tessera");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Button signOut = new Button("Sign out", click -> authentication.logout());
        signOut.setId("sign-out");
        Span user = new Span(CurrentUser.name() + " (" + String.join(", ", CurrentUser.roles()) + ")");
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title, user, signOut);
        bar.setAlignItems(HorizontalLayout.Alignment.CENTER);
        bar.setWidthFull();
        bar.expand(user);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(bar);

        SideNav nav = new SideNav();
        boolean childData = CurrentUser.hasRole(Roles.PRACTITIONER) || CurrentUser.hasRole(Roles.DUTY_MANAGER);
        if (childData) {
            nav.addItem(new SideNavItem("Search", "search"));
            nav.addItem(new SideNavItem("Watchlist", "watchlist"));
        }
        if (CurrentUser.hasRole(Roles.ANALYST) || CurrentUser.hasRole(Roles.ADMINISTRATOR)) {
            nav.addItem(new SideNavItem("Indicators", "indicators"));
            nav.addItem(new SideNavItem("Ingest jobs", "jobs"));
        }
        if (CurrentUser.hasRole(Roles.AUDITOR)) {
            nav.addItem(new SideNavItem("Audit", "audit"));
        }
        addToDrawer(nav);
    }
}
