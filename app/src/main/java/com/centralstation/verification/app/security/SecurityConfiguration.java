package com.centralstation.verification.app.security;

import com.centralstation.verification.adapters.notification.NotificationProperties;
import com.centralstation.verification.core.domain.CallAddresses;
import com.centralstation.verification.adapters.notification.VoiceProperties;
import com.centralstation.verification.workflow.engine.RoleProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.centralstation.verification.workflow.engine.Roles;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import java.util.Map;
import java.util.Optional;

/**
 * One filter chain per kind of caller, on purpose (the OAuth2 client starter would otherwise lock every
 * endpoint behind a generated password):
 * <ul>
 *   <li>{@code /webhooks/**}: CHeKT; authenticated by the HMAC signature in the controller, no session.</li>
 *   <li>{@code /respond/**}: site contacts; authenticated by the token in the link, CSRF-protected forms
 *       (token in a cookie, no session), no Referer leaves the page.</li>
 *   <li>{@code /api/policy/**}: the policy dry run, for analysts and supervisors (and administrators), each with
 *       their own Camunda login ({@link CamundaLogins}); the station's and the metrics login do not open it.</li>
 *   <li>{@code /api/**}: the station's software; HTTP Basic with {@code verification.api.*}. The API's
 *       description ({@code /v3/api-docs}, Swagger UI) sits behind the same login.</li>
 *   <li>{@code /camunda/**}: Cockpit, Tasklist, Admin; they have their own login and CSRF filter.</li>
 *   <li>{@code /engine-rest/**}: Modeler deploys here; Camunda's own Basic filter against its identity service.</li>
 *   <li>{@code /actuator/health}: open for load balancers; {@code /actuator/info} (version, build time) needs the
 *       station's or the metrics login; other actuator endpoints (metrics) need the metrics login,
 *       {@code verification.metrics.*}, which opens nothing else.</li>
 *   <li>{@code /voice/calls/**}: the voice provider's callbacks of a phone call; authenticated by
 *       {@code X-Twilio-Signature} alone, only the call's own callbacks, nothing else.</li>
 * </ul>
 * Anything else is closed.
 */
@Configuration
@EnableWebSecurity
@EnableConfigurationProperties({AdminUserProperties.class, StationApiProperties.class, MetricsUserProperties.class})
public class SecurityConfiguration {

    static final String STATION_ROLE = "STATION";
    static final String METRICS_ROLE = "METRICS";

    private static PathPatternRequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    @Order(1)
    SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/webhooks/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain responsePageChain(HttpSecurity http) throws Exception {
        // The CSRF token travels in a cookie (double submit) instead of a server session: contacts have no
        // account, and a confirmation page must still post after a restart or to another node of a cluster.
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName("RESPOND-CSRF");
        csrfTokens.setCookiePath("/respond");
        return http.securityMatcher(path("/respond/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A refused form gets a page a contact understands (with the way back to the alarm), not a bare 403.
                .exceptionHandling(errors -> errors.accessDeniedPage("/respond/refused"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; form-action 'self'"))
                        // The token is in the page's own URL: the snapshot's host must not receive it as a Referer.
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /** Only Camunda logins: the station's and the metrics login are not tried here, and answer 401. */
    @Bean
    @Order(3)
    SecurityFilterChain policyDryRunChain(HttpSecurity http, IdentityService identities, RoleProperties roles) throws Exception {
        return http.securityMatcher(path("/api/policy/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyAuthority(CamundaLogins.group(roles.analysts()),
                        CamundaLogins.group(roles.supervisors()), CamundaLogins.group(roles.admin())))
                .authenticationManager(new ProviderManager(new CamundaLogins(identities)))
                .httpBasic(basic -> basic.realmName("alarm-verification"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain stationApiChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/v3/api-docs/**"),
                        path("/swagger-ui.html"), path("/swagger-ui/**")))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(STATION_ROLE))
                .httpBasic(basic -> basic.realmName("alarm-verification"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain camundaChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(new OrRequestMatcher(path("/camunda/**"), path("/engine-rest/**")))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    @Bean
    @Order(6)
    SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
                        // the station's software reads which version it talks to; nothing else of the actuator
                        .requestMatchers(path("/actuator/info")).hasAnyRole(STATION_ROLE, METRICS_ROLE)
                        .anyRequest().hasRole(METRICS_ROLE))
                .httpBasic(basic -> basic.realmName("alarm-verification"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(7)
    SecurityFilterChain voiceCallbackChain(HttpSecurity http, NotificationProperties notification,
                                           ObjectProvider<VoiceProperties> voice, ObjectMapper mapper) throws Exception {
        // Without channel voice there are no voice settings, so no callback can be signed: every one is refused.
        Optional<TwilioSignature> signature = Optional.ofNullable(voice.getIfAvailable()).map(VoiceProperties::authToken)
                .filter(token -> !token.isBlank()).map(TwilioSignature::new);
        VoiceCallbackRefusal refusal = new VoiceCallbackRefusal(mapper);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(path(CallAddresses.PREFIX + "/**"))
                .addFilterBefore(new TwilioSignatureFilter(signature, notification.publicBaseUri()), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher(HttpMethod.POST, CallAddresses.ANSWER),
                                paths.matcher(HttpMethod.POST, CallAddresses.MENU),
                                paths.matcher(HttpMethod.POST, CallAddresses.CONFIRM),
                                paths.matcher(HttpMethod.POST, CallAddresses.STATUS))
                        .hasRole(TwilioSignatureFilter.ROLE)
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(refusal).accessDeniedHandler(refusal))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(100)
    SecurityFilterChain closedByDefaultChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path("/"), path("/error"), path("/favicon.ico")).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The station's password comes from configuration in plain text, so its hash only serves the comparison.
     * The default BCrypt cost made every /api request spend 70-80 ms of CPU (48% of the CPU in the decision
     * benchmark, bench/RESULTS.md); cost 4 keeps the comparison around a millisecond.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

    /** The station's software and the metrics scraper: two logins, each opening its own paths only. */
    @Bean
    UserDetailsService stationUsers(StationApiProperties station, MetricsUserProperties metrics, PasswordEncoder encoder) {
        if (station.username().equals(metrics.username())) {
            throw new InvalidConfigurationPropertyValueException("verification.metrics.username", metrics.username(),
                    "verification.metrics.username must differ from verification.api.username: the metrics login reads metrics only");
        }
        return new InMemoryUserDetailsManager(
                User.withUsername(station.username()).password(encoder.encode(station.password())).roles(STATION_ROLE).build(),
                User.withUsername(metrics.username()).password(encoder.encode(metrics.password())).roles(METRICS_ROLE).build());
    }

    /** The Camunda groups of the service's roles and their authorizations (an engine plugin: it needs the admin user). */
    @Bean
    Roles roles(RoleProperties groups, AdminUserProperties admin) {
        return new Roles(groups, admin.account());
    }

    /** Camunda's own Basic authentication for the engine REST API, checked against its identity service. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-auth");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName()));
        return registration;
    }
}
