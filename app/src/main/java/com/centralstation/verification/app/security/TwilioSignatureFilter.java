package com.centralstation.verification.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the voice provider's callbacks by their {@code X-Twilio-Signature}, computed over the URL the
 * provider was given (the configured public base URL, the path and the query, never the Host header a proxy may
 * rewrite) and the POST parameters. A valid signature makes the request the voice provider's; anything else stays
 * anonymous and the chain's rules refuse it. Without an auth token (voice not configured) nothing verifies.
 */
final class TwilioSignatureFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Twilio-Signature";
    static final String ROLE = "VOICE_PROVIDER";

    private final Optional<TwilioSignature> signature;
    private final URI publicBaseUrl;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    TwilioSignatureFilter(Optional<TwilioSignature> signature, URI publicBaseUrl) {
        this.signature = signature;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (signature.isPresent()
                && signature.get().matches(request.getHeader(HEADER), calledUrl(request), postParameters(request))) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new PreAuthenticatedAuthenticationToken("voice-provider", null,
                    AuthorityUtils.createAuthorityList("ROLE_" + ROLE)));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private String calledUrl(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return UriComponentsBuilder.fromUri(publicBaseUrl).path(path).query(request.getQueryString()).build(true)
                .toUriString();
    }

    /** The request's parameters less those of its query string: the signature covers only the form's. */
    private static Map<String, List<String>> postParameters(HttpServletRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, new ArrayList<>(Arrays.asList(values))));
        if (request.getQueryString() != null) {
            // The servlet container lists a name's query values before its form values.
            UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                    .forEach((name, values) -> values.forEach(value -> Optional.ofNullable(parameters.get(name))
                            .ifPresent(list -> list.remove(decoded(value)))));
            parameters.values().removeIf(List::isEmpty);
        }
        return parameters;
    }

    private static String decoded(String value) {
        return value == null ? "" : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
