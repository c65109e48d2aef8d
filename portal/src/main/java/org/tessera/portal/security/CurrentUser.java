package org.tessera.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Who is calling, from the security context of the current thread (views and REST alike). */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? "anonymous" : authentication.getName();
    }

    public static List<String> roles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return List.of();
        }
        return roles(authentication);
    }

    public static List<String> roles(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
    }

    public static boolean hasRole(String role) {
        return roles().contains(role);
    }

    /**
     * The client's address for the current request (behind a trusted proxy, the address it
     * forwarded for: {@link ClientAddress}), or {@code null} outside a request.
     */
    public static String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return address(attributes.getRequest());
        }
        return null;
    }

    public static String address(HttpServletRequest request) {
        return request.getAttribute(ClientAddress.ATTRIBUTE) instanceof String resolved ? resolved : request.getRemoteAddr();
    }
}
