package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.ChektWebhooks;
import com.centralstation.verification.app.testing.LocalHttp;
import com.centralstation.verification.app.testing.LocalPorts;
import com.centralstation.verification.app.testing.ServiceSettings;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The packaged service (the Spring Boot jar {@code package} built) as an operating-system process, the way
 * it runs in production: started with command-line properties, killed with SIGKILL, started again on the
 * same database. Its output goes to {@code target/service-logs/<name>.log}, appended across restarts.
 */
final class ServiceNode implements AutoCloseable {

    private final String name;
    private final int port;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ChektWebhooks webhooks;
    private Process process;
    private int starts;

    /**
     * @param properties  passed as {@code --name=value} arguments, over the common ones below
     * @param environment added to the process's environment (the postgres profile's POSTGRES_*)
     */
    ServiceNode(String name, ChektDouble chekt, Map<String, String> properties, Map<String, String> environment) {
        this.name = name;
        this.port = LocalPorts.free();
        this.properties = new LinkedHashMap<>(ServiceSettings.minimal(chekt.baseUrlFor(name), "http://localhost:" + port)
                .with("server.port", port)
                .with("chekt.token-url", chekt.tokenUrl())
                // a delivery answered 503 (intake busy) is sent again sooner than the shipped 5 s (see deliver)
                .with("chekt.webhook-retry-after", "1s")
                .asMap());
        this.properties.putAll(properties);
        this.environment = Map.copyOf(environment);
        // CHeKT signs with its own clock: a process's engine clock is not this JVM's.
        this.webhooks = new ChektWebhooks("http://localhost:" + port, ServiceSettings.WEBHOOK_SECRET, Instant::now);
        this.log = Path.of(System.getProperty("service.logs", "target/service-logs")).resolve(name + ".log");
    }

    String name() {
        return name;
    }

    /** Changes a property for the next start, as an operator editing the configuration between runs. */
    void set(String key, String value) {
        properties.put(key, value);
    }

    /** Starts the process and waits until it reports ready; returns how long that took. */
    Duration start() {
        Instant launched = Instant.now();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "%n===== %s start #%d at %s =====%n".formatted(name, ++starts, launched),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            // Should the test JVM go away without closing this node, the service must not outlive it.
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, name + "-stop"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("%s ready".formatted(name)).atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200))
                .until(this::ready);
        return Duration.between(launched, Instant.now());
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no unlocking of the jobs it holds. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** How many lines of this node's log (all its runs) contain the text. */
    long logLines(String text) {
        return logLinesMatching(line -> line.contains(text));
    }

    long logLinesMatching(Predicate<String> wanted) {
        try (var lines = Files.lines(log)) {
            return lines.filter(wanted).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Delivers CHeKT's signed webhook for the alarm, timestamped now, and again (signed anew) after the
     * {@code Retry-After} of a 503, as CHeKT retries a delivery the service was too busy to take.
     */
    int deliver(TestAlarm alarm) {
        return webhooks.deliver(alarm.body()).statusCode();
    }

    /** The station's software records a contact's decision. */
    int decide(UUID verificationId, long contactId, String action) {
        return send(station(HttpRequest.newBuilder(uri("/api/verifications/" + verificationId + "/decisions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contact_id\":" + contactId + ",\"action\":\"" + action + "\"}")))
                .statusCode();
    }

    JsonNode view(UUID verificationId) {
        return read(send(station(HttpRequest.newBuilder(uri("/api/verifications/" + verificationId))).GET()));
    }

    /** Summaries of the verifications in a state (open, decided, submitted, ...), contacts notified included. */
    List<JsonNode> inState(String state) {
        List<JsonNode> items = new ArrayList<>();
        read(send(station(HttpRequest.newBuilder(uri("/api/verifications?state=" + state + "&limit=1000"))).GET()))
                .get("verifications").forEach(items::add);
        return items;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see " + log);
        }
        try {
            HttpRequest readiness = HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return LocalHttp.send(request.timeout(Duration.ofSeconds(30)).build());
    }

    private JsonNode read(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpRequest.Builder station(HttpRequest.Builder request) {
        return request.header("Authorization", BasicAuth.header(ServiceSettings.STATION_USER, ServiceSettings.STATION_PASSWORD));
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("service.jar", "target/app-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar.toAbsolutePath() + ": run the package phase first");
        }
        return jar;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
