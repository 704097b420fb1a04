package com.centralstation.verification.adapters.chekt;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach CHeKT's Partner API and authenticate to it.
 *
 * <p>Timeouts are capped; how long a submission (token fetch, PATCH, and at most one token refresh and retry) can
 * take with them is part of the longest job, which the app checks against the job lock time at start-up.
 *
 * @param baseUrl              Partner API root, e.g. {@code https://api.chekt.com}
 * @param tokenUrl             OAuth 2.0 token endpoint, e.g. {@code https://api.chekt.com/oauth/token}
 * @param clientId             OAuth 2.0 client id
 * @param clientSecret         secret for {@code client_secret_post}; never logged
 * @param clientAuthentication how the client proves itself to the token endpoint
 * @param privateKey           PEM (PKCS#8 or PKCS#1) RSA private key signing the RS256 client assertion for
 *                             {@code private_key_jwt}; never logged
 * @param audience             sent as the {@code audience} form field of the token request when set
 * @param connectTimeout       TCP connect timeout, for the API and the token endpoint
 * @param readTimeout          time to wait for an answer, for the API and the token endpoint
 * @param tokenRefreshBeforeExpiry a cached token is replaced this long before it expires
 * @param httpLogLevel         Feign wire log of CHeKT calls (logged at DEBUG; Authorization is never written)
 */
@Validated
@ConfigurationProperties(prefix = "chekt")
@ChektProperties.CompleteCredentials
public record ChektProperties(
        @NotBlank @Pattern(regexp = HTTP_URL, message = "must be an absolute http(s) URL") String baseUrl,
        @NotBlank @Pattern(regexp = HTTP_URL, message = "must be an absolute http(s) URL") String tokenUrl,
        @NotBlank String clientId,
        String clientSecret,
        @NotNull @DefaultValue("client_secret_post") ClientAuthentication clientAuthentication,
        String privateKey,
        String audience,
        @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 10) @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 30) @DefaultValue("5s") Duration readTimeout,
        @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 10) @DefaultValue("60s")
        Duration tokenRefreshBeforeExpiry,
        @NotNull @DefaultValue("none") HttpLogLevel httpLogLevel) {

    static final String HTTP_URL = "https?://[^\\s/?#]+(/\\S*)?";

    /**
     * The Feign clients' url, read from this bean rather than the raw property: that makes Spring bind and
     * validate these properties first, so a bad {@code chekt.base-url} is reported under its name.
     */
    static final String BASE_URL = "#{@'chekt-com.centralstation.verification.adapters.chekt.ChektProperties'.baseUrl()}";

    public ChektProperties {
        audience = audience == null || audience.isBlank() ? null : audience.strip();
    }

    /** The standard OAuth 2.0 client authentication methods CHeKT's pages describe. */
    public enum ClientAuthentication {
        CLIENT_SECRET_POST,
        PRIVATE_KEY_JWT
    }

    /** Mirrors Feign's log levels, so the app's properties need no Feign type. */
    public enum HttpLogLevel {
        NONE,
        BASIC,
        HEADERS,
        FULL
    }

    /** Keeps secrets out of logs and failure messages. */
    @Override
    public String toString() {
        return "ChektProperties[baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=" + mask(clientSecret) + ", clientAuthentication=" + clientAuthentication
                + ", privateKey=" + mask(privateKey) + ", audience=" + audience
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", tokenRefreshBeforeExpiry=" + tokenRefreshBeforeExpiry + ", httpLogLevel=" + httpLogLevel + "]";
    }

    /**
     * Problems with the credentials for the chosen client authentication, each naming its property. They are
     * reported as object-level errors on purpose: a field error would print the rejected value, i.e. the secret.
     */
    List<String> credentialProblems() {
        List<String> problems = new ArrayList<>();
        if (clientAuthentication == ClientAuthentication.CLIENT_SECRET_POST && isBlank(clientSecret)) {
            problems.add("chekt.client-secret must be set when chekt.client-authentication is client_secret_post");
        }
        if (clientAuthentication == ClientAuthentication.PRIVATE_KEY_JWT) {
            if (isBlank(privateKey)) {
                problems.add("chekt.private-key must be set when chekt.client-authentication is private_key_jwt");
            } else if (!ChektSigningKey.isReadable(privateKey)) {
                problems.add("chekt.private-key must be a PEM-encoded RSA private key (PKCS#8 or PKCS#1)");
            }
        }
        return problems;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String mask(String secret) {
        return isBlank(secret) ? "<unset>" : "<set>";
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = CompleteCredentialsValidator.class)
    @interface CompleteCredentials {
        String message() default "incomplete CHeKT client credentials";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static final class CompleteCredentialsValidator implements ConstraintValidator<CompleteCredentials, ChektProperties> {

        @Override
        public boolean isValid(ChektProperties properties, ConstraintValidatorContext context) {
            if (properties == null) {
                return true;
            }
            List<String> problems = properties.credentialProblems();
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            problems.forEach(problem -> context.buildConstraintViolationWithTemplate(problem).addConstraintViolation());
            return false;
        }
    }
}
