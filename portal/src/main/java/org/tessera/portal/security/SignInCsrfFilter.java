package org.tessera.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection for the password sign-in ({@code POST /login}), which Vaadin's security
 * configurer exempts: without it another site could sign a victim's browser in as the attacker
 * (login CSRF). The token is the session's Spring Security token, sent by the login form as the
 * {@code _csrf} parameter. Thread-safe.
 */
final class SignInCsrfFilter extends OncePerRequestFilter {

    private final CsrfTokenRepository tokens;
    private final XorCsrfTokenRequestAttributeHandler resolver = new XorCsrfTokenRequestAttributeHandler();

    SignInCsrfFilter(CsrfTokenRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))) {
            CsrfToken expected = tokens.loadToken(request);
            String sent = expected == null ? null : resolver.resolveCsrfTokenValue(request, expected);
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getToken().getBytes(StandardCharsets.UTF_8))) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "Sign-in refused: CSRF token missing or invalid; reload the sign-in page");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
