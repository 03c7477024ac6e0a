package io.leadscore.app.web.security;

import io.leadscore.app.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what. Two filter chains:
 * <ul>
 *   <li>the API ({@code /api/**}, the OpenAPI document, actuator): a bearer token, HTTP Basic, or the session of
 *       someone signed in to the console; it never creates a session. CSRF protection applies to requests that
 *       ride on the session cookie; requests that carry their own {@code Authorization} header, or no session,
 *       cannot be forged by another site and skip it. Anonymous requests get 401, the wrong role 403, both as problem JSON.</li>
 *   <li>the console (every other path): form sign-in with a session and CSRF tokens on every form; anonymous
 *       requests are sent to the sign-in page, the wrong role gets a 403 page.</li>
 * </ul>
 * Only actuator health is open to everyone. {@link Area} says which roles reach which part.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties({ConsoleAccess.class, SignInSettings.class})
class SecurityConfiguration {
    /** Scripts and styles from this server only; no framing; forms post back here only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'self'; object-src 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(Credentials.BCRYPT_STRENGTH);
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt));
        // configured hashes may come without the {bcrypt} prefix
        encoder.setDefaultPasswordEncoderForMatches(bcrypt);
        return encoder;
    }

    @Bean
    StoredUsers storedUsers(JdbcTemplate jdbc) {
        return new StoredUsers(jdbc);
    }

    @Bean
    ConsoleUsers consoleUsers(ConsoleAccess access, StoredUsers stored) {
        return new ConsoleUsers(access, stored);
    }

    @Bean
    SignInThrottle signInThrottle(SignInSettings settings, Clock clock, MeterRegistry meters) {
        return new SignInThrottle(settings, clock, meters);
    }

    /** Name and password sign-in for both chains, throttled: the only authentication provider. */
    @Bean
    ThrottledAuthenticationProvider throttledAuthenticationProvider(ConsoleUsers users, PasswordEncoder encoder,
                                                                    SignInThrottle throttle) {
        return new ThrottledAuthenticationProvider(users, encoder, throttle);
    }

    @Bean
    InitialAdmin initialAdmin(ConsoleUsers users, StoredUsers stored, PasswordEncoder encoder, Clock clock) {
        return new InitialAdmin(users, stored, encoder, clock);
    }

    /** The strict firewall, with lead ids allowed their encoded slashes and semicolons ({@link LeadPathFirewall}). */
    @Bean
    WebSecurityCustomizer leadPathFirewall() {
        return web -> web.httpFirewall(new LeadPathFirewall());
    }

    /**
     * A request the firewall refuses is answered 400 with the firewall's reason (which character or step of the
     * path it would not take), so the API's problem says why rather than only that it was refused.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejected() {
        return (request, response, e) -> response.sendError(jakarta.servlet.http.HttpServletResponse.SC_BAD_REQUEST,
                io.leadscore.scoring.domain.Printable.of(e.getMessage()));
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ConsoleAccess access, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof SignInThrottledException throttled) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                problem(json, response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage(), null);
                return;
            }
            problem(json, response, HttpStatus.UNAUTHORIZED,
                    "Sign in: send 'Authorization: Bearer <token>' or HTTP Basic credentials", "Bearer realm=\"leadscore\"");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                e instanceof CsrfException ? "The request rides on a signed-in session without its CSRF token: send"
                        + " the session's token in the X-CSRF-TOKEN header (or the _csrf form field), or sign in with"
                        + " 'Authorization: Bearer <token>' instead"
                        : "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI(), null);
        http.securityMatcher("/api/**", "/v3/api-docs", "/v3/api-docs/**", "/actuator", "/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").hasAnyRole(Area.METRICS.roleNames())
                        .requestMatchers("/api/jobs", "/api/jobs/**").hasAnyRole(Area.JOBS.roleNames())
                        .requestMatchers("/api/simulate", "/api/plan", "/api/levers", "/api/backtest").hasAnyRole(Area.WHAT_IF.roleNames())
                        .requestMatchers("/api/funnel", "/api/funnel/**").hasAnyRole(Area.FUNNEL.roleNames())
                        .requestMatchers("/api/models", "/api/models/**").hasAnyRole(Area.MODELS.roleNames())
                        .requestMatchers(HttpMethod.POST, "/api/events").hasAnyRole(Area.EVENTS.roleNames())
                        .requestMatchers("/api/queue").hasAnyRole(Area.QUEUE.roleNames())
                        .requestMatchers(HttpMethod.POST, "/api/leads/*/followups").hasAnyRole(Area.QUEUE.roleNames())
                        .requestMatchers(HttpMethod.GET, "/api/leads/*").hasAnyRole(both(Area.LEADS, Area.QUEUE))
                        .requestMatchers("/api/users", "/api/users/**").hasAnyRole(Area.USERS.roleNames())
                        .requestMatchers("/api/leads", "/api/leads/**").hasAnyRole(Area.LEADS.roleNames())
                        .requestMatchers("/api/webhooks/deliveries", "/api/webhooks/deliveries/**").hasAnyRole(Area.WEBHOOK_DELIVERIES.roleNames())
                        .requestMatchers("/api/webhooks", "/api/webhooks/**").hasAnyRole(Area.WEBHOOK_SUBSCRIBERS.roleNames())
                        .requestMatchers(HttpMethod.GET, "/api/policy", "/api/policy/**").authenticated()
                        .requestMatchers("/api/policy", "/api/policy/**").hasAnyRole(Area.POLICY_CHANGE.roleNames())
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiTokenAuthenticationFilter(access.tokens(), unauthorized), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(c -> c.securityContextRepository(new OwnCredentialsFirst()))
                .csrf(c -> c.ignoringRequestMatchers(SecurityConfiguration::carriesOwnCredentials))
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/error", "/css/**", "/favicon.svg").permitAll()
                        .requestMatchers("/jobs", "/jobs/**").hasAnyRole(Area.JOBS.roleNames())
                        .requestMatchers("/whatif", "/whatif/**").hasAnyRole(Area.WHAT_IF.roleNames())
                        .requestMatchers("/funnel", "/funnel/**").hasAnyRole(Area.FUNNEL.roleNames())
                        .requestMatchers("/models", "/models/**").hasAnyRole(Area.MODELS.roleNames())
                        .requestMatchers("/queue", "/queue/**").hasAnyRole(Area.QUEUE.roleNames())
                        // one lead's page: also for sales, who opens it from the queue
                        .requestMatchers(HttpMethod.GET, "/leads/*").hasAnyRole(both(Area.LEADS, Area.QUEUE))
                        .requestMatchers("/leads", "/leads/**").hasAnyRole(Area.LEADS.roleNames())
                        .requestMatchers("/webhooks/subscribers", "/webhooks/subscribers/**").hasAnyRole(Area.WEBHOOK_SUBSCRIBERS.roleNames())
                        .requestMatchers("/webhooks", "/webhooks/**").hasAnyRole(Area.WEBHOOK_DELIVERIES.roleNames())
                        .requestMatchers(HttpMethod.POST, "/policy", "/policy/**").hasAnyRole(Area.POLICY_CHANGE.roleNames())
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").permitAll().failureHandler((request, response, e) ->
                        response.sendRedirect(request.getContextPath() + (e instanceof SignInThrottledException t
                                ? "/login?throttled=" + t.retryAfterSeconds() + (t.locked() ? "&locked" : "")
                                : "/login?error"))))
                .logout(l -> l.logoutSuccessUrl("/login?signed-out").permitAll())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * CSRF protection guards the session cookie; a request that does not ride on one needs none. A request with an
     * Authorization header is authenticated by that header alone, never by the session it may also carry
     * ({@link OwnCredentialsFirst}): a header that is not valid credentials is a 401, whatever session comes with it,
     * so skipping the check for it gives a forged request nothing. A request without a session has nothing to
     * ride on (and is refused with 401 unless it brings credentials).
     */
    private static boolean carriesOwnCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getSession(false) == null;
    }

    /** The roles of either area. */
    private static String[] both(Area one, Area other) {
        java.util.Set<String> roles = new java.util.TreeSet<>(java.util.List.of(one.roleNames()));
        roles.addAll(java.util.List.of(other.roleNames()));
        return roles.toArray(String[]::new);
    }

    private static void problem(JsonMapper json, HttpServletResponse response, HttpStatus status, String detail,
                                String challenge) throws IOException {
        if (challenge != null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        Problems.write(json, response, status, detail, null);
    }
}
