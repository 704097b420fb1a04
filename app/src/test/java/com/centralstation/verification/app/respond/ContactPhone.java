package com.centralstation.verification.app.respond;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contact's phone browser at the HTTP level: keeps cookies (the CSRF cookie), fetches pages and submits the
 * confirmation form as the browser would, with the hidden fields the page itself carries.
 */
final class ContactPhone {

    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Page open(URI page) {
        return send(HttpRequest.newBuilder(page).header("Accept", "text/html").GET().build());
    }

    /** Presses the page's confirmation button: posts its form, hidden CSRF field included. */
    Page confirm(Page confirmation) {
        return post(confirmation.uri().resolve(confirmation.formAction()), confirmation.csrfField());
    }

    /** Posts to a response address with the given CSRF field value, or none when {@code csrf} is null. */
    Page post(URI target, String csrf) {
        String form = csrf == null ? "" : "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(target)
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    CookieManager cookies() {
        return (CookieManager) client.cookieHandler().orElseThrow();
    }

    private Page send(HttpRequest request) {
        try {
            return new Page(request.uri(), client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Page(URI uri, HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String html() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String formAction() {
            return find(FORM, "a confirmation form");
        }

        String csrfField() {
            return find(CSRF_FIELD, "a hidden _csrf field");
        }

        boolean hasForm() {
            return FORM.matcher(html()).find();
        }

        private String find(Pattern pattern, String what) {
            Matcher matcher = pattern.matcher(html());
            if (!matcher.find()) {
                throw new AssertionError("expected " + what + " on " + uri() + " (HTTP " + status() + "):\n" + html());
            }
            return matcher.group(1).replace("&amp;", "&");
        }
    }
}
