package org.tessera.portal.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
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
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
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
                .httpBasic(basic -> basic.realmName("tessera"))
                // API clients sending credentials need no CSRF token; browser-session calls do.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response, e) ->
                        response.sendError(401, "Sign-in required")));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain viewSecurity(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc) throws Exception {
        headers(http);
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/tessera.css").permitAll());
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login").permitAll());
        }
        http.with(vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }

    private static void headers(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .contentTypeOptions(noSniff -> { })
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    }

    @Bean
    UserDetailsService demoUsers(PortalSecurityProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (PortalSecurityProperties.DemoUser user : properties.demoUsers()) {
            users.createUser(User.withUsername(user.username()).password(user.password())
                    .roles(user.roles().toArray(String[]::new)).build());
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

    /** Password sign-in, refused outright while the user name or the client address is locked out. */
    @Bean
    AuthenticationProvider throttledAuthentication(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                if (throttle.locked(authentication.getName(), CurrentUser.address())) {
                    throw new LockedException("Too many failed sign-ins; try again later");
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

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationContext context) {
        return new DefaultAuthenticationEventPublisher(context);
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
