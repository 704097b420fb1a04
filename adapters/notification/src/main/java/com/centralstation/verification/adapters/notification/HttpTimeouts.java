package com.centralstation.verification.adapters.notification;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.client.ClientHttpRequestFactory;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The timeouts the HTTP channels share ({@code verification.notification.connect-timeout}, {@code .read-timeout}):
 * seconds, so a hung gateway stays inside the engine's job lock time.
 */
record HttpTimeouts(Duration connect, Duration read) {

    /**
     * A client with these timeouts. Redirects are not followed: a POST that is redirected is a misconfigured URL,
     * not something to chase.
     */
    ClientHttpRequestFactory requestFactory() {
        return ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                .build(ClientHttpRequestFactorySettings.defaults()
                        .withTimeouts(connect, read)
                        .withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW));
    }

    /** The longest one request can take: connecting, then waiting for the answer. */
    Duration longestExchange() {
        return connect.plus(read);
    }
}
