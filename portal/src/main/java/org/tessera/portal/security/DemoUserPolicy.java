package org.tessera.portal.security;

import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Demo users exist only under the {@code demo} Spring profile, which {@code ./tessera demo} sets.
 * Any other start refuses a {@code {noop}} password and any of the passwords published in the
 * README, whatever their encoding: the portal does not start, and says why.
 */
final class DemoUserPolicy {

    static final String DEMO_PROFILE = "demo";

    /** The demo passwords printed by {@code ./tessera demo} and the README: public knowledge. */
    static final List<String> PUBLISHED_PASSWORDS = List.of("practitioner-demo", "duty-demo", "analyst-demo", "auditor-demo", "admin-demo");

    private DemoUserPolicy() {
    }

    static void check(List<PortalSecurityProperties.DemoUser> users, boolean demoProfile, PasswordEncoder encoder) {
        if (demoProfile) {
            return;
        }
        for (PortalSecurityProperties.DemoUser user : users) {
            if (user.password().startsWith("{noop}")) {
                throw new IllegalStateException(refusal(user, "has a {noop} (clear-text) password"));
            }
            for (String published : PUBLISHED_PASSWORDS) {
                if (encoder.matches(published, user.password())) {
                    throw new IllegalStateException(refusal(user, "has a published demo password"));
                }
            }
        }
    }

    private static String refusal(PortalSecurityProperties.DemoUser user, String problem) {
        return "Refusing to start: tessera.portal.demo-users user '" + user.username() + "' " + problem
                + ". Demo users exist only under the 'demo' profile (./tessera demo); a real deployment signs in"
                + " through OIDC or configures users with {bcrypt} passwords of its own (docs/portal.md).";
    }
}
