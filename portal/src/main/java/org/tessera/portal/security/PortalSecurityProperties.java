package org.tessera.portal.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tessera.portal.*}: password users, sign-in slowing, the OIDC role claim and trusted proxies.
 *
 * @param demoUsers  users known without an identity provider; passwords are bcrypt
 *                   ({@code {bcrypt}$2a$...}); {@code {noop}} passwords and the published demo
 *                   passwords are refused outside the {@code demo} profile ({@link DemoUserPolicy})
 * @param throttle   how repeated failed sign-ins are slowed
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For}
 *                   names the client; empty: the peer address is the client
 * @param oidcRolesClaim the ID-token claim whose values name Tessera roles when OIDC is configured
 */
@ConfigurationProperties("tessera.portal")
public record PortalSecurityProperties(List<DemoUser> demoUsers, Throttle throttle, String oidcRolesClaim, List<String> trustedProxies) {

    public PortalSecurityProperties {
        demoUsers = demoUsers == null ? List.of() : List.copyOf(demoUsers);
        throttle = throttle == null ? Throttle.defaults() : throttle;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        oidcRolesClaim = oidcRolesClaim == null || oidcRolesClaim.isBlank() ? "roles" : oidcRolesClaim;
    }

    public record DemoUser(String username, String password, List<String> roles) {
        public DemoUser {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("tessera.portal.demo-users: every user needs a username");
            }
            if (password == null || !password.startsWith("{")) {
                throw new IllegalArgumentException("tessera.portal.demo-users: password of " + username
                        + " must name its encoding, e.g. {bcrypt}$2a$...");
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
     * Sign-in slowing (docs/portal.md): never a lock-out.
     *
     * @param freeFailures           failures of one user name from one address before waits begin
     * @param freeFailuresPerAddress failures from one address (any user names) before waits begin
     * @param baseDelay              the first wait; each further failure doubles it
     * @param maxDelay               the longest wait
     * @param window                 failures are forgotten after this long without one
     * @param maxTracked             user/address pairs remembered at most (stale ones are dropped first)
     */
    public record Throttle(int freeFailures, int freeFailuresPerAddress, Duration baseDelay, Duration maxDelay, Duration window, int maxTracked) {
        public Throttle {
            if (freeFailures < 1 || freeFailuresPerAddress < 1) {
                throw new IllegalArgumentException("tessera.portal.throttle: free failures must be at least 1");
            }
            baseDelay = baseDelay == null ? Duration.ofSeconds(1) : baseDelay;
            maxDelay = maxDelay == null ? Duration.ofMinutes(1) : maxDelay;
            window = window == null ? Duration.ofMinutes(15) : window;
            maxTracked = maxTracked < 1 ? 100_000 : maxTracked;
        }

        public static Throttle defaults() {
            return new Throttle(3, 20, null, null, null, 0);
        }
    }
}
