package com.centralstation.verification.app.foundation;

import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.testing.ServiceSettings;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the real application outside Spring's test context cache, for tests about start-up and restarts.
 * Each run gets its own engine name (letters and digits: Camunda ignores a name with a hyphen), so it never displaces the engine of a cached test context in
 * Camunda's JVM-wide engine registry.
 */
final class StandaloneService {

    private StandaloneService() {
    }

    /** Settings a production start needs ({@link ServiceSettings}), with the H2 file under {@code dataDir}; override any. */
    static Map<String, Object> settings(Path dataDir) {
        // CHeKT is never called by these tests; a closed loopback port makes sure nothing leaves the machine.
        Map<String, Object> settings = new HashMap<>(ServiceSettings.minimal("http://127.0.0.1:9", "http://localhost:8080")
                .asMap());
        settings.put("server.port", 0);
        settings.put("verification.data-dir", dataDir.toString());
        settings.put("camunda.bpm.process-engine-name", "standalone" + UUID.randomUUID().toString().replace("-", ""));
        // Cockpit, Tasklist and Admin keep their runtime in JVM-wide statics that stopping a context clears: a
        // standalone run with the webapps would leave the cached test context's Cockpit answering 500.
        settings.put("camunda.bpm.webapp.enabled", false);
        return settings;
    }

    /** Settings go in as command-line arguments, so they win over application.yml as an operator's would. */
    static ConfigurableApplicationContext start(Map<String, Object> settings) {
        String[] arguments = settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(AlarmVerificationApplication.class).run(arguments);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
