package org.tessera.portal.audit;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.LoginThrottle;

/**
 * Turns Spring Security's events into audit records and throttle counts: failed sign-ins, and
 * refusals of signed-in users or API callers. An anonymous browser being sent to the sign-in page
 * is not a refusal worth a record.
 */
@Component
class SecurityEventAuditor {

    private static final Logger log = LoggerFactory.getLogger(SecurityEventAuditor.class);

    private final AuditTrail audit;
    private final LoginThrottle throttle;

    SecurityEventAuditor(AuditTrail audit, LoginThrottle throttle) {
        this.audit = audit;
        this.throttle = throttle;
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        String user = event.getAuthentication().getName();
        String address = CurrentUser.address();
        throttle.failed(user, address);
        log.info("Sign-in failed ({})", event.getException().getClass().getSimpleName());
        audit.refusal(user, List.of(), AuditTrail.LOGIN_FAILED, "failed", event.getException().getClass().getSimpleName(), address);
    }

    @EventListener
    void loginSucceeded(AuthenticationSuccessEvent event) {
        throttle.succeeded(event.getAuthentication().getName());
    }

    @EventListener
    void accessDenied(AuthorizationDeniedEvent<?> event) {
        Authentication authentication = event.getAuthentication().get();
        String path = requestPath();
        boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken;
        if (anonymous && (path == null || !path.startsWith("/api"))) {
            return;
        }
        String what = event.getSource() instanceof org.aopalliance.intercept.MethodInvocation invocation
                ? invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName()
                : path;
        audit.refusal(anonymous ? "anonymous" : authentication.getName(),
                anonymous ? List.of() : CurrentUser.roles(authentication), AuditTrail.ACCESS_DENIED, "denied", what, CurrentUser.address());
    }

    private static String requestPath() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRequestURI();
        }
        return null;
    }
}
