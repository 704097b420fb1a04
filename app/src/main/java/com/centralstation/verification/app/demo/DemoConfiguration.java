package com.centralstation.verification.app.demo;

import com.centralstation.verification.adapters.chekt.ChektProperties;
import com.centralstation.verification.app.web.webhook.WebhookSignature;
import com.centralstation.verification.core.usecase.ManageCallLists;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import java.time.Clock;

/**
 * The demo profile's parts: the CHeKT sandbox, the phone simulator (Twilio for the demo's calls), test alarms, the
 * latest response links, the seeded test site and the open {@code /demo/**} filter chain. Only the demo profile loads this, and it refuses to be built without it.
 */
@Configuration(proxyBeanMethods = false)
@Profile(DemoProfile.NAME)
public class DemoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoConfiguration.class);
    private static final String VOICE = "verification.notification.voice.";

    public DemoConfiguration(Environment environment) {
        DemoProfile.require(environment, DemoConfiguration.class);
    }

    @Bean
    ChektSandbox chektSandbox(ChektProperties chekt, ObjectMapper mapper, Clock clock) {
        return new ChektSandbox(chekt.clientId(), chekt.clientSecret(), mapper, clock);
    }

    /**
     * Twilio for the demo's calls, with the account and token the demo profile gives the voice channel (read from the
     * environment: the channel's settings are bound only while it is enabled, the phone is there either way).
     */
    @Bean
    PhoneSimulator phoneSimulator(Environment environment, Clock clock) {
        return new PhoneSimulator(environment.getRequiredProperty(VOICE + "account-sid"),
                environment.getRequiredProperty(VOICE + "auth-token"), clock);
    }

    /** The notification adapter tells it of every link it sends; the start page lists the latest. */
    @Bean
    DemoResponseLinks demoResponseLinks(Environment environment) {
        return new DemoResponseLinks(environment);
    }

    @Bean
    TestAlarms testAlarms(WebhookSignature signature, ObjectMapper mapper, Clock clock, Environment environment) {
        return new TestAlarms(signature, mapper, clock, environment);
    }

    /**
     * The sandbox, the phone and the start page are open (a laptop demo; the profile binds to loopback). The sandbox and
     * the phone's Twilio API are called machine to machine, so they take no CSRF token; the pages' forms do.
     * Ordered before the application's closed-by-default chain, which would otherwise deny {@code /demo/**}.
     */
    @Bean
    @Order(50)
    SecurityFilterChain demoChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(new OrRequestMatcher(paths.matcher("/demo"), paths.matcher("/demo/**")))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(paths.matcher(ChektSandboxController.BASE + "/**"),
                        paths.matcher(PhoneSimulatorController.TWILIO + "/**")))
                .build();
    }

    /** The test site and its three contacts, in calling order, on every start (a restart restores them). */
    @Bean
    ApplicationListener<ApplicationReadyEvent> demoSiteSeeder(ManageCallLists callLists, Environment environment) {
        return ready -> {
            callLists.replace(DemoSite.SITE, DemoSite.CALL_LIST);
            String port = environment.getProperty("local.server.port", "8080");
            LOG.info("Demo ready: test site {} with {} contacts. Start page: http://localhost:{}/demo"
                            + " (test alarms, links to Cockpit and Tasklist, what the CHeKT sandbox received)",
                    DemoSite.SITE, DemoSite.CALL_LIST.size(), port);
        };
    }
}
