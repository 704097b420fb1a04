package com.centralstation.verification.app.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The login a metrics scraper (Prometheus) uses for {@code /actuator/**} (HTTP Basic): it reads metrics and
 * nothing else, so a scrape configuration that leaks opens no API.
 */
@Validated
@ConfigurationProperties("verification.metrics")
public record MetricsUserProperties(@NotBlank @DefaultValue("metrics") String username, @NotBlank String password) {

    @Override
    public String toString() {
        return "MetricsUserProperties[username=" + username + ", password=****]";
    }
}
