package com.centralstation.verification.app.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}), which every compatible voice provider sends with its
 * callbacks: base64 of HMAC-SHA1, keyed by the account's auth token, over the full URL the provider called followed
 * by every POST parameter's name and value, sorted by name (the values of a repeated name sorted too).
 */
public final class TwilioSignature {

    private static final String ALGORITHM = "HmacSHA1";

    private final SecretKeySpec key;

    public TwilioSignature(String authToken) {
        if (authToken == null || authToken.isEmpty()) {
            throw new IllegalArgumentException("an auth token is needed to sign or check callbacks");
        }
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The signature of a POST to {@code url} with these form parameters (not those of the URL's query). */
    public String of(String url, Map<String, List<String>> parameters) {
        return Base64.getEncoder().encodeToString(mac(url, parameters));
    }

    /** Whether {@code signature} is this request's, compared in constant time; a missing one never is. */
    public boolean matches(String signature, String url, Map<String, List<String>> parameters) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(url, parameters));
    }

    private byte[] mac(String url, Map<String, List<String>> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, values) -> values.stream().sorted()
                .forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }
}
