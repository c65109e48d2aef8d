package org.tessera.portal.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import com.vaadin.flow.spring.security.VaadinDefaultRequestCache;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.tessera.portal.security.ui.LoginView;

/**
 * Sign-in and the web's security: Vaadin's configurer for the views, a separate chain for the REST
 * API (HTTP basic or the browser session), demo users from configuration, OIDC when a client
 * registration is configured, login throttling, and the security headers. Design: docs/portal.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * Vaadin needs inline styles and its bootstrap script inline, and evaluates server-sent
     * JavaScript with Function(); everything else is locked to this origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("tessera").authenticationEntryPoint(SecurityConfiguration::signInRequired))
                // API clients sending credentials need no CSRF token; browser-session calls do. A call
                // with neither credentials nor a session has nothing to forge: it is answered 401.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                        || request.getSession(false) == null))
                // An API call uses a browser's session when it has one, but never opens one: anonymous
                // or HTTP-basic callers leave no session behind, and nothing is saved for a redirect.
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                // Refusals are written here as JSON, not through sendError: an error dispatch would
                // run the request through the views' chain a second time (a redirect to the sign-in
                // page instead of 401, and a second audit record for "/error").
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(SecurityConfiguration::signInRequired)
                        .accessDeniedHandler((request, response, e) -> json(response, 403,
                                e instanceof CsrfException ? "CSRF token missing or invalid" : "Your role does not allow this")));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain viewSecurity(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc,
                                     VaadinDefaultRequestCache requestCache) throws Exception {
        headers(http);
        // Error pages render for everyone (their headers included); a refusal is decided and
        // audited once, on the original request, never again on its error dispatch.
        http.authorizeHttpRequests(requests -> requests
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers("/tessera.css").permitAll()
                // The chart library (a public webjar, no data) for signed-in users' pages.
                .requestMatchers("/webjars/echarts/**").authenticated());
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login").permitAll());
        }
        // Vaadin exempts its sign-in POST from CSRF; Tessera checks it (Vaadin puts the session's
        // token into the page's _csrf meta tags, and its login form sends it from there).
        HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
        http.csrf(csrf -> csrf.csrfTokenRepository(tokens));
        http.addFilterBefore(new SignInCsrfFilter(tokens), UsernamePasswordAuthenticationFilter.class);
        // An anonymous request for a view is sent to sign in without opening a session for it;
        // the page asked for is remembered only when the browser already has a session.
        HttpSessionRequestCache sessionCache = new HttpSessionRequestCache();
        sessionCache.setCreateSessionAllowed(false);
        requestCache.setDelegateRequestCache(sessionCache);
        http.with(vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }

    private static void signInRequired(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"tessera\"");
        json(response, 401, "Sign-in required");
    }

    private static void json(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + message.replace("\"", "'") + "\"}");
    }

    /**
     * The security headers on every response of the chain, written before the request is handled:
     * Vaadin's page handler sets its own {@code X-Frame-Options: SAMEORIGIN} when none is there yet,
     * and its pages were leaving without the rest (headers written lazily, on commit, never came).
     */
    private static void headers(HttpSecurity http) throws Exception {
        http.headers(headers -> {
            headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                @Override
                public <O extends HeaderWriterFilter> O postProcess(O filter) {
                    filter.setShouldWriteHeadersEagerly(true);
                    return filter;
                }
            });
            headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frame -> frame.deny())
                    .contentTypeOptions(noSniff -> { })
                    .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), payment=()"));
        });
    }

    @Bean
    FilterRegistrationBean<ClientAddress> clientAddress(PortalSecurityProperties properties) {
        FilterRegistrationBean<ClientAddress> registration = new FilterRegistrationBean<>(new ClientAddress(properties.trustedProxies()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Password users from {@code tessera.portal.demo-users}: refused outside the {@code demo}
     * profile when a password is clear text or published ({@link DemoUserPolicy}).
     */
    @Bean
    UserDetailsService demoUsers(PortalSecurityProperties properties, PasswordEncoder encoder, Environment environment) {
        boolean demo = environment.matchesProfiles(DemoUserPolicy.DEMO_PROFILE);
        DemoUserPolicy.check(properties.demoUsers(), demo, encoder);
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (PortalSecurityProperties.DemoUser user : properties.demoUsers()) {
            users.createUser(User.withUsername(user.username()).password(user.password())
                    .roles(user.roles().toArray(String[]::new)).build());
        }
        if (demo) {
            log.warn("Demo profile: {} demo users with published passwords are active. Never use this profile with real data.",
                    properties.demoUsers().size());
        }
        return users;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(PortalSecurityProperties properties, Clock clock) {
        return new LoginThrottle(properties.throttle(), clock);
    }

    /** Password sign-in; a pair (user, address) or an address that failed repeatedly waits before its password is checked. */
    @Bean
    AuthenticationProvider throttledAuthentication(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                java.time.Duration wait = throttle.wait(authentication.getName(), CurrentUser.address());
                if (!wait.isZero()) {
                    throw new SignInDelayedException("Too many failed sign-ins from this address: try again in "
                            + Math.max(1, wait.toSeconds()) + " s");
                }
                return passwords.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> type) {
                return passwords.supports(type);
            }
        };
    }

    @Bean
    org.springframework.security.authentication.AuthenticationManager authenticationManager(
            AuthenticationProvider throttledAuthentication, AuthenticationEventPublisher events) {
        ProviderManager manager = new ProviderManager(throttledAuthentication);
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    /** Every failed sign-in becomes an event (so it is audited), a delayed one included. */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationContext context) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(context);
        publisher.setAdditionalExceptionMappings(Map.of(SignInDelayedException.class, AuthenticationFailureLockedEvent.class));
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }

    /** Makes refusals (URL and method security) visible as events, which the audit records. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationContext context) {
        return new SpringAuthorizationEventPublisher(context);
    }

    /** OIDC users get the Tessera roles named in their {@code tessera.portal.oidc-roles-claim} claim. */
    @Bean
    GrantedAuthoritiesMapper oidcRoles(PortalSecurityProperties properties) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    Object claim = oidc.getIdToken().getClaims().get(properties.oidcRolesClaim());
                    if (claim == null && oidc.getUserInfo() != null) {
                        claim = oidc.getUserInfo().getClaims().get(properties.oidcRolesClaim());
                    }
                    for (String role : claimValues(claim)) {
                        String upper = role.toUpperCase(Locale.ROOT);
                        if (Roles.ALL.contains(upper)) {
                            mapped.add(new SimpleGrantedAuthority("ROLE_" + upper));
                        }
                    }
                }
            }
            return mapped;
        };
    }

    private static List<String> claimValues(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> many) {
            many.forEach(value -> values.add(String.valueOf(value)));
        } else if (claim instanceof String one) {
            values.addAll(List.of(one.split("[,\\s]+")));
        }
        return values;
    }
}
