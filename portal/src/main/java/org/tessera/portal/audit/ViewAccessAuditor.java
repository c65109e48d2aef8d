package org.tessera.portal.audit;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.tessera.portal.security.CurrentUser;

/**
 * Records a signed-in user's attempt to open a view their roles do not allow. Vaadin's own
 * navigation access control refuses the navigation; this listener only writes the audit record
 * (Vaadin does not publish Spring Security's authorization events for views).
 */
@Component
class ViewAccessAuditor implements VaadinServiceInitListener {

    private static final Set<String> ERROR_VIEWS = Set.of("RouteNotFoundError", "InternalServerError", "RouteAccessDeniedError");

    private final AuditTrail audit;
    private final AccessAnnotationChecker access = new AccessAnnotationChecker();

    ViewAccessAuditor(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(uiInit -> uiInit.getUI().addBeforeEnterListener(enter -> {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user == null || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated()) {
                return;
            }
            Class<?> target = enter.getNavigationTarget();
            if (ERROR_VIEWS.contains(target.getSimpleName())) {
                return;
            }
            if (!access.hasAccess(target, user, role -> CurrentUser.roles(user).contains(role))) {
                audit.refusal(user.getName(), CurrentUser.roles(user), AuditTrail.ACCESS_DENIED, "denied",
                        "view " + enter.getLocation().getPath(), CurrentUser.address());
            }
        }));
    }
}
