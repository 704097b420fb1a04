package com.centralstation.verification.app.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every test start of the service needs and no file ships (the logins, the audit chain's key, CHeKT's
 * client and signing secret, where response links point) and the log channel alone: one named set, which a test
 * changes only where it tests something else. Spring test contexts take it through a {@link DynamicPropertyRegistry};
 * a service started as a process or outside the test context cache takes it as command-line arguments.
 */
public final class ServiceSettings {

    public static final String STATION_USER = "station";
    public static final String STATION_PASSWORD = "station-test-password";
    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String METRICS_USER = "metrics";
    public static final String METRICS_PASSWORD = "metrics-test-password";
    /** The audit chain's key of every test service (verification.audit.chain-key). */
    public static final String AUDIT_CHAIN_KEY = "service-test-audit-chain-key-0123456789";
    /** The secret CHeKT signs its deliveries with (chekt.webhook-secret). */
    public static final String WEBHOOK_SECRET = "whsec_test_secret";
    /** Where CHeKT's double issues OAuth tokens, below its base URL. */
    public static final String TOKEN_PATH = "/oauth/token";

    private final Map<String, String> values;

    private ServiceSettings(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The minimal set, with CHeKT at {@code chektBaseUrl} (tokens at {@link #TOKEN_PATH} below it) and response links
     * under {@code publicBaseUrl}.
     */
    public static ServiceSettings minimal(String chektBaseUrl, String publicBaseUrl) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("camunda.bpm.admin-user.password", ADMIN_PASSWORD);
        values.put("verification.api.username", STATION_USER);
        values.put("verification.api.password", STATION_PASSWORD);
        values.put("verification.audit.chain-key", AUDIT_CHAIN_KEY);
        values.put("verification.metrics.password", METRICS_PASSWORD);
        values.put("chekt.base-url", chektBaseUrl);
        values.put("chekt.token-url", chektBaseUrl + TOKEN_PATH);
        values.put("chekt.client-id", "station-client");
        values.put("chekt.client-secret", "station-client-secret");
        values.put("chekt.webhook-secret", WEBHOOK_SECRET);
        values.put("verification.notification.public-base-url", publicBaseUrl);
        values.put("verification.notification.channels", "log");
        return new ServiceSettings(values);
    }

    /** These settings with one set (or changed). */
    public ServiceSettings with(String key, Object value) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.put(key, String.valueOf(value));
        return new ServiceSettings(changed);
    }

    /** These settings without one, as an operator who left it out. */
    public ServiceSettings without(String key) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.remove(key);
        return new ServiceSettings(changed);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Each setting as a {@code --name=value} argument, so they win over application.yml as an operator's would. */
    public String[] asArguments() {
        return values.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
    }

    /** Each setting into a Spring test context. */
    public void registerIn(DynamicPropertyRegistry registry) {
        values.forEach((key, value) -> registry.add(key, () -> value));
    }
}
