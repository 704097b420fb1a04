package com.centralstation.verification.adapters.chekt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Spring Security's OAuth 2.0 client set up for CHeKT's client-credentials token endpoint, from
 * {@link ChektProperties} alone: no {@code spring.security.oauth2.client.*} registration and no beans that the
 * app's own security configuration would pick up.
 */
final class ChektOAuth2Client {

    /** CHeKT documents tokens as living "typically 1 hour" but does not document {@code expires_in}. */
    static final long UNSTATED_LIFETIME_SECONDS = 3600;

    private ChektOAuth2Client() {
    }

    static ChektAccessTokens accessTokens(ChektProperties properties, Clock clock, MeterRegistry meters) {
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
                registration(properties));
        OAuth2AuthorizedClientService cache = new ClockAlignedCache(
                new InMemoryOAuth2AuthorizedClientService(registrations), clock);

        ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(new CountedTokenRequests(tokenResponseClient(properties), meters));
        provider.setClock(clock);
        provider.setClockSkew(properties.tokenRefreshBeforeExpiry());

        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, cache);
        manager.setAuthorizedClientProvider(provider);
        return new ChektAccessTokens(manager, cache, properties.connectTimeout().plus(properties.readTimeout()), clock);
    }

    private static ClientRegistration registration(ChektProperties properties) {
        ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(ChektAccessTokens.REGISTRATION_ID)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(properties.tokenUrl())
                .clientId(properties.clientId());
        return switch (properties.clientAuthentication()) {
            case CLIENT_SECRET_POST -> builder
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .clientSecret(properties.clientSecret())
                    .build();
            case PRIVATE_KEY_JWT -> builder
                    .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                    .build();
        };
    }

    private static RestClientClientCredentialsTokenResponseClient tokenResponseClient(ChektProperties properties) {
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(tokenEndpointRestClient(properties));
        if (properties.clientAuthentication() == ChektProperties.ClientAuthentication.PRIVATE_KEY_JWT) {
            var signingKey = ChektSigningKey.fromPem(properties.privateKey());
            client.addParametersConverter(new NimbusJwtClientAuthenticationParametersConverter<>(
                    registration -> signingKey));
        }
        if (properties.audience() != null) {
            String audience = properties.audience();
            client.setParametersCustomizer(parameters -> parameters.set("audience", audience));
        }
        return client;
    }

    /** Spring's default token RestClient has no timeouts: a silent token endpoint would hang a job thread. */
    private static RestClient tokenEndpointRestClient(ChektProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
        requestFactory.setReadTimeout(properties.readTimeout());

        OAuth2AccessTokenResponseHttpMessageConverter tokenConverter = new OAuth2AccessTokenResponseHttpMessageConverter();
        tokenConverter.setAccessTokenResponseConverter(new UnstatedDefaults());
        return RestClient.builder()
                .requestFactory(requestFactory)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(tokenConverter);
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }

    /**
     * CHeKT's documented token answer has only {@code access_token}. Spring refuses an answer without
     * {@code token_type} and treats one without {@code expires_in} as expiring in one second, which would mean a
     * token request before every call; assume the standard bearer token and CHeKT's stated lifetime. If CHeKT
     * expires it sooner, its 401 makes us fetch a new one.
     */
    private static final class UnstatedDefaults implements
            org.springframework.core.convert.converter.Converter<Map<String, Object>, OAuth2AccessTokenResponse> {

        private final DefaultMapOAuth2AccessTokenResponseConverter standard = new DefaultMapOAuth2AccessTokenResponseConverter();

        @Override
        public OAuth2AccessTokenResponse convert(Map<String, Object> parameters) {
            Map<String, Object> completed = new HashMap<>(parameters);
            completed.putIfAbsent(OAuth2ParameterNames.TOKEN_TYPE, OAuth2AccessToken.TokenType.BEARER.getValue());
            completed.putIfAbsent(OAuth2ParameterNames.EXPIRES_IN, UNSTATED_LIFETIME_SECONDS);
            return standard.convert(completed);
        }
    }

    /**
     * Spring stamps a new token with {@code Instant.now()} but judges its expiry by the provider's {@link Clock};
     * restamping it on that same clock keeps both sides on one time line (the app's clock may be a test's or the
     * demo's). The token's lifetime is unchanged.
     */
    private static final class ClockAlignedCache implements OAuth2AuthorizedClientService {

        private final OAuth2AuthorizedClientService delegate;
        private final Clock clock;

        ClockAlignedCache(OAuth2AuthorizedClientService delegate, Clock clock) {
            this.delegate = delegate;
            this.clock = clock;
        }

        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, String principalName) {
            return delegate.loadAuthorizedClient(registrationId, principalName);
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
            delegate.saveAuthorizedClient(restamped(client), principal);
        }

        @Override
        public void removeAuthorizedClient(String registrationId, String principalName) {
            delegate.removeAuthorizedClient(registrationId, principalName);
        }

        private OAuth2AuthorizedClient restamped(OAuth2AuthorizedClient client) {
            OAuth2AccessToken token = client.getAccessToken();
            if (token.getIssuedAt() == null || token.getExpiresAt() == null) {
                return client;
            }
            Instant issuedAt = clock.instant();
            Instant expiresAt = issuedAt.plus(Duration.between(token.getIssuedAt(), token.getExpiresAt()));
            OAuth2AccessToken restamped = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), issuedAt,
                    expiresAt, token.getScopes());
            return new OAuth2AuthorizedClient(client.getClientRegistration(), client.getPrincipalName(), restamped,
                    client.getRefreshToken());
        }
    }

    /** Counts token requests by outcome: a steady rate means caching works, a jump means refresh trouble. */
    private static final class CountedTokenRequests
            implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

        private final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate;
        private final Counter successes;
        private final Counter failures;

        CountedTokenRequests(OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate,
                             MeterRegistry meters) {
            this.delegate = delegate;
            this.successes = counter(meters, "success");
            this.failures = counter(meters, "failure");
        }

        @Override
        public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest request) {
            try {
                OAuth2AccessTokenResponse response = delegate.getTokenResponse(request);
                successes.increment();
                return response;
            } catch (RuntimeException failure) {
                failures.increment();
                throw failure;
            }
        }

        private static Counter counter(MeterRegistry meters, String outcome) {
            return Counter.builder("chekt.token.requests")
                    .description("Access token requests to CHeKT's token endpoint")
                    .tag("outcome", outcome)
                    .register(meters);
        }
    }
}
