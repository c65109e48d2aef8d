package org.tessera.portal.common.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/** The root: sends each user to the first view their roles allow. */
@Route(value = "", layout = MainLayout.class)
@PermitAll
class HomeView extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.hasRole(Roles.DUTY_MANAGER)) {
            // The duty manager's day starts with who needs a decision.
            event.forwardTo("watchlist");
        } else if (CurrentUser.hasRole(Roles.PRACTITIONER)) {
            event.forwardTo("search");
        } else if (CurrentUser.hasRole(Roles.ANALYST) || CurrentUser.hasRole(Roles.ADMINISTRATOR)) {
            event.forwardTo("indicators");
        } else if (CurrentUser.hasRole(Roles.AUDITOR)) {
            event.forwardTo("audit");
        } else {
            setText("Your account has no Tessera role. Ask an administrator.");
        }
    }
}
