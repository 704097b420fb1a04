package com.centralstation.verification.app.security;

import com.centralstation.verification.workflow.engine.RoleProperties;
import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The operator board's two doors, each its own filter chain, matched before the station API's {@code /api/**}:
 * <ul>
 *   <li>{@code /api/board/**}: HTTP Basic, stateless, for the station's software (its API login) and for operators
 *       and supervisors (their Camunda user); a Camunda user outside the board's groups is refused (403).</li>
 *   <li>{@code /board/**}: the page, a form login with the Camunda user (the same identities and groups as Tasklist),
 *       a server session (sticky sessions behind a load balancer, as Camunda's webapps), CSRF-protected claims, a strict
 *       CSP (scripts and styles from this service only, no inline code).</li>
 * </ul>
 * The board's groups are the operators, the supervisors and the administrators ({@code verification.roles.*}).
 */
@Configuration
public class BoardSecurityConfiguration {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private static PathPatternRequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /** The Camunda groups whose members may see the board: operators, supervisors and administrators. */
    private static Set<String> boardGroups(RoleProperties roles) {
        return Set.of(roles.operators(), roles.supervisors(), roles.admin());
    }

    private static String[] boardAuthorities(RoleProperties roles) {
        return boardGroups(roles).stream().map(CamundaLogins::group).toArray(String[]::new);
    }

    @Bean
    BoardGroups boardAudience(RoleProperties roles) {
        return new BoardGroups(boardGroups(roles));
    }

    @Bean
    @Order(0)
    SecurityFilterChain boardApiChain(HttpSecurity http, UserDetailsService stationUsers, PasswordEncoder encoder,
                                      IdentityService identityService, RoleProperties roles) throws Exception {
        DaoAuthenticationProvider station = new DaoAuthenticationProvider(stationUsers);
        station.setPasswordEncoder(encoder);
        // Not beans: an AuthenticationProvider bean would become Spring Security's global login for every other chain.
        AuthenticationManager logins = new ProviderManager(station, new CamundaLogins(identityService));
        List<String> allowed = new ArrayList<>(List.of(boardAuthorities(roles)));
        allowed.add("ROLE_" + SecurityConfiguration.STATION_ROLE);
        return http.securityMatcher(new OrRequestMatcher(path("/api/board"), path("/api/board/**")))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyAuthority(allowed.toArray(String[]::new)))
                .authenticationManager(logins)
                .httpBasic(basic -> basic.realmName("alarm-verification"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(50)
    SecurityFilterChain boardPageChain(HttpSecurity http, IdentityService identityService, RoleProperties roles)
            throws Exception {
        // Only the board itself is worth returning to after a login, never its stream or a fragment.
        HttpSessionRequestCache returnTo = new HttpSessionRequestCache();
        returnTo.setRequestMatcher(path("/board"));
        RequestMatcher scriptCalls = new OrRequestMatcher(path("/board/stream"), path("/board/items"), path("/board/tasks/**"));
        return http.securityMatcher(new OrRequestMatcher(path("/board"), path("/board/**")))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers(path("/board/login"), path("/board/assets/**")).permitAll()
                        .anyRequest().hasAnyAuthority(boardAuthorities(roles)))
                .authenticationManager(new ProviderManager(new CamundaLogins(identityService)))
                .formLogin(login -> login.loginPage("/board/login").failureUrl("/board/login?error")
                        .defaultSuccessUrl("/board"))
                .logout(logout -> logout.logoutUrl("/board/logout").logoutSuccessUrl("/board/login?logout"))
                .requestCache(cache -> cache.requestCache(returnTo))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), scriptCalls)
                        .accessDeniedPage("/board/refused"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
