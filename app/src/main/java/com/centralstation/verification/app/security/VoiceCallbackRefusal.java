package com.centralstation.verification.app.security;

import com.centralstation.verification.app.web.ApiProblems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;

/**
 * What a request under the voice callbacks gets when it is not a signed callback of the provider (no signature, a
 * wrong one, or not one of the callbacks): 403 as problem+json, and nothing has been read or changed.
 */
final class VoiceCallbackRefusal implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper mapper;

    VoiceCallbackRefusal(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException unsigned)
            throws IOException {
        refuse(request, response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException notACallback)
            throws IOException {
        refuse(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.FORBIDDEN, "Forbidden", TwilioSignatureFilter.HEADER,
                "only the voice provider's callbacks, signed with " + TwilioSignatureFilter.HEADER
                        + " over this service's public URL, are taken here").getBody();
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
