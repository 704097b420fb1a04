package com.centralstation.verification.app.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The credentials the central station's own software uses for {@code /api/**} (HTTP Basic). */
@Validated
@ConfigurationProperties("verification.api")
public record StationApiProperties(@NotBlank String username, @NotBlank String password) {

    @Override
    public String toString() {
        return "StationApiProperties[username=" + username + ", password=****]";
    }
}
