package com.centralstation.verification.app.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the operator board over real HTTP, without a browser: its cookie, the login form with its
 * CSRF token, and forms posted as a browser posts them. Redirects are not followed, so a test sees each answer.
 */
public final class BoardSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public BoardSession(URI base) {
        this.base = base;
    }

    /** Logs in through the board's login form; answers where the login sent the browser. */
    public HttpResponse<String> logIn(String user, String password) throws IOException, InterruptedException {
        String token = csrf(get("/board/login").body());
        return postForm("/board/login", Map.of("username", user, "password", password, "_csrf", token));
    }

    /** A page as a browser asks for it (a browser says it takes HTML, which is what sends it to the login). */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "text/html,*/*;q=0.8");
    }

    public HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form with the CSRF token the board page carries, as the claim buttons do. */
    public HttpResponse<String> postFromBoard(String path) throws IOException, InterruptedException {
        return postForm(path, Map.of("_csrf", csrf(get("/board").body())));
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session's own client, for a stream that must carry the session cookie. */
    public HttpClient client() {
        return http;
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token in the page:\n" + page);
        }
        return token.group(1);
    }
}
