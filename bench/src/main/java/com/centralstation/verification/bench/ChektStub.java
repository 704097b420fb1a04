package com.centralstation.verification.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CHeKT's token endpoint and PATCH endpoint on a loopback port, in the harness's own JVM, so a PATCH's
 * arrival and the decision's send are read from one monotonic clock ({@link System#nanoTime()}).
 * The arrival is taken before the body is read: the latency ends when CHeKT sees the request.
 */
final class ChektStub implements AutoCloseable {

    private static final Pattern PATCH_PATH =
            Pattern.compile("/partner/v1/dealers/[^/]+/sites/[^/]+/alarm-verifications/([0-9]+)");
    private static final byte[] TOKEN = ("{\"access_token\":\"bench-access-token\",\"token_type\":\"Bearer\","
            + "\"expires_in\":3600}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, Long> patchArrivals = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong ids = new AtomicLong(4000);

    ChektStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** nanoTime at which the PATCH for this alarm verification id arrived, or null. */
    Long patchArrival(long alarmVerificationId) {
        return patchArrivals.get(alarmVerificationId);
    }

    int patches() {
        return patchArrivals.size();
    }

    long tokensIssued() {
        return tokens.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/oauth/token")) {
                tokens.incrementAndGet();
                respond(exchange, 200, TOKEN);
                return;
            }
            Matcher patch = PATCH_PATH.matcher(path);
            if ("PATCH".equals(exchange.getRequestMethod()) && patch.matches()) {
                patchArrivals.putIfAbsent(Long.parseLong(patch.group(1)), arrival);
                JsonNode sent = json.readTree(body);
                ObjectNode answer = json.createObjectNode().put("id", ids.incrementAndGet());
                answer.setAll((ObjectNode) sent);
                respond(exchange, 200, json.writeValueAsBytes(answer));
                return;
            }
            respond(exchange, 404, "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
