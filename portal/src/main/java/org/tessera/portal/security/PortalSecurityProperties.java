package org.tessera.portal.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tessera.portal.*}: demo users, login throttling and the OIDC role claim.
 *
 * @param demoUsers  users known without an identity provider; passwords are bcrypt
 *                   ({@code {bcrypt}$2a$...}) or, for demos only, {@code {noop}secret}
 * @param throttle   lock-out after repeated failed sign-ins
 * @param oidcRolesClaim the ID-token claim whose values name Tessera roles when OIDC is configured
 */
@ConfigurationProperties("tessera.portal")
public record PortalSecurityProperties(List<DemoUser> demoUsers, Throttle throttle, String oidcRolesClaim) {

    public PortalSecurityProperties {
        demoUsers = demoUsers == null ? List.of() : List.copyOf(demoUsers);
        throttle = throttle == null ? new Throttle(5, Duration.ofMinutes(15), 20) : throttle;
        oidcRolesClaim = oidcRolesClaim == null || oidcRolesClaim.isBlank() ? "roles" : oidcRolesClaim;
    }

    public record DemoUser(String username, String password, List<String> roles) {
        public DemoUser {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("tessera.portal.demo-users: every user needs a username");
            }
            if (password == null || !password.startsWith("{")) {
                throw new IllegalArgumentException("tessera.portal.demo-users: password of " + username
                        + " must name its encoding, e.g. {bcrypt}$2a$... or {noop}secret");
            }
            roles = roles == null ? List.of() : roles.stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
            for (String role : roles) {
                if (!Roles.ALL.contains(role)) {
                    throw new IllegalArgumentException("tessera.portal.demo-users: unknown role " + role + " for " + username + "; known: " + Roles.ALL);
                }
            }
        }
    }

    /**
     * @param maxFailures      failed sign-ins allowed per user name within {@code lockout}
     * @param lockout          how long the lock lasts (and the window failures are counted in)
     * @param maxFailuresPerAddress failed sign-ins allowed per client address within {@code lockout}
     */
    public record Throttle(int maxFailures, Duration lockout, int maxFailuresPerAddress) {
        public Throttle {
            if (maxFailures < 1 || maxFailuresPerAddress < 1) {
                throw new IllegalArgumentException("tessera.portal.throttle: max failures must be at least 1");
            }
            lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        }
    }
}
