package com.centralstation.verification.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A server-sent event stream read over real HTTP, line by line as a browser's EventSource reads it: each event's
 * name and data (JSON) are kept as they arrive. Closed by cancelling the request.
 */
public final class EventStream implements AutoCloseable {

    /** One event as received. */
    public record Event(String name, JsonNode data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;

    public EventStream(HttpClient http, HttpRequest request) {
        ObjectMapper json = new ObjectMapper();
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            status = answer.statusCode();
            String name = "message";
            StringBuilder data = new StringBuilder();
            try (Stream<String> lines = answer.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(name, json.readTree(data.toString())));
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring("event:".length()).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring("data:".length()).strip());
                    }
                }
            } catch (UncheckedIOException | java.io.IOException closed) {
                // the stream ended or was cancelled
            }
        });
    }

    /** The HTTP status the stream was answered with, once known (0 until then). */
    public int status() {
        return status;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Every change named by a {@code changes} event so far, as "verification id: change". */
    public List<String> changes() {
        return events.stream().filter(event -> event.name().equals("changes"))
                .flatMap(event -> java.util.stream.StreamSupport.stream(event.data().get("changes").spliterator(), false))
                .map(change -> change.get("verification_id").asText() + ": " + change.get("change").asText()).toList();
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(answer -> answer.body().close());
    }
}
