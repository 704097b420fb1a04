package com.centralstation.verification.app.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Where the embedded H2 database keeps its file ({@code spring.datasource.url} refers to it). Unused when
 * the datasource points elsewhere (the postgres profile).
 */
@Validated
@ConfigurationProperties("verification")
public record StorageProperties(@NotNull Path dataDir) {
}
