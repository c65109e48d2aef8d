package org.tessera.portal.audit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
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
import org.tessera.portal.security.SignInDelayedException;

/**
 * Turns Spring Security's events into audit records and throttle counts: sign-ins (successful and
 * failed), and refusals. One record per refused call (error dispatches are not decided again).
 * Anonymous refusals are recorded once per address and minute with a count of the others, and an
 * API client's HTTP-basic sign-in once per user, address and quarter hour, so a flood cannot grow
 * the trail without bound. An anonymous browser sent to the sign-in page is no refusal.
 */
@Component
class SecurityEventAuditor {

    private static final Logger log = LoggerFactory.getLogger(SecurityEventAuditor.class);

    private final AuditTrail audit;
    private final LoginThrottle throttle;
    private final RateLimitedAudit anonymousRefusals;
    private final RateLimitedAudit apiSignIns;

    SecurityEventAuditor(AuditTrail audit, LoginThrottle throttle, Clock clock) {
        this.audit = audit;
        this.throttle = throttle;
        this.anonymousRefusals = new RateLimitedAudit(Duration.ofMinutes(1), 10_000, clock);
        this.apiSignIns = new RateLimitedAudit(Duration.ofMinutes(15), 10_000, clock);
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        String user = event.getAuthentication().getName();
        String address = CurrentUser.address();
        boolean delayed = event.getException() instanceof SignInDelayedException;
        if (!delayed) {
            throttle.failed(user, address);
        }
        log.info("Sign-in failed ({})", event.getException().getClass().getSimpleName());
        audit.refusal(user, List.of(), AuditTrail.LOGIN_FAILED, "failed", event.getException().getClass().getSimpleName(), address);
    }

    @EventListener
    void loginSucceeded(AuthenticationSuccessEvent event) {
        Authentication user = event.getAuthentication();
        String address = CurrentUser.address();
        throttle.succeeded(user.getName(), address);
        String path = requestPath();
        boolean api = path != null && path.startsWith("/api");
        String detail = api ? "http basic" : "sign-in";
        if (api) {
            RateLimitedAudit.Due due = apiSignIns.event(user.getName() + "|" + address);
            if (due == null) {
                return;
            }
            if (due.suppressed() > 0) {
                detail += "; " + due.suppressed() + " further API sign-ins not recorded singly";
            }
        }
        audit.refusal(user.getName(), CurrentUser.roles(user), AuditTrail.LOGIN, "ok", detail, address);
    }

    @EventListener
    void accessDenied(AuthorizationDeniedEvent<?> event) {
        HttpServletRequest request = request();
        if (request != null && request.getDispatcherType() == DispatcherType.ERROR) {
            return;
        }
        Authentication authentication = event.getAuthentication().get();
        String path = request == null ? null : request.getRequestURI();
        boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken;
        if (anonymous && (path == null || !path.startsWith("/api"))) {
            return;
        }
        String what = event.getSource() instanceof org.aopalliance.intercept.MethodInvocation invocation
                ? invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName()
                : path;
        String address = CurrentUser.address();
        if (anonymous) {
            RateLimitedAudit.Due due = anonymousRefusals.event(String.valueOf(address));
            if (due == null) {
                return;
            }
            if (due.suppressed() > 0) {
                what += "; " + due.suppressed() + " earlier anonymous refusals from this address not recorded singly";
            }
        }
        audit.refusal(anonymous ? "anonymous" : authentication.getName(),
                anonymous ? List.of() : CurrentUser.roles(authentication), AuditTrail.ACCESS_DENIED, "denied", what, address);
    }

    private static HttpServletRequest request() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }

    private static String requestPath() {
        HttpServletRequest request = request();
        return request == null ? null : request.getRequestURI();
    }
}
