package com.centralstation.verification.archfixture.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;

/** Wrong three times: a configuration, a settings record and a controller, none named or placed as such. */
@Configuration
public class Wiring {

    @ConfigurationProperties("fixture")
    public record Settings(String name) {
    }

    @RestController
    public static class Endpoints {
    }
}
