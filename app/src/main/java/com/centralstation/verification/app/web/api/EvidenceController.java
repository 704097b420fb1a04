package com.centralstation.verification.app.web.api;

import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.usecase.AssembleEvidencePack;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A verification's evidence pack: JSON for software, a printable page for {@code Accept: text/html}.
 * Both are the same model; the page is rendered here rather than through view resolution, so the
 * errors stay problem+json whatever the caller accepts.
 */
@RestController
public class EvidenceController {

    static final String PAGE = "evidence/pack";

    private final AssembleEvidencePack evidence;
    private final ITemplateEngine templates;

    public EvidenceController(AssembleEvidencePack evidence, ITemplateEngine templates) {
        this.evidence = evidence;
        this.templates = templates;
    }

    @GetMapping("/api/verifications/{verificationId}/evidence")
    public ResponseEntity<?> pack(@PathVariable UUID verificationId,
                                  @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Optional<MediaType> format = format(accept);
        if (format.isEmpty()) {
            return ApiProblems.problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", "Accept",
                    "the evidence pack is available as application/json or text/html");
        }
        return evidence.assemble(verificationId)
                .<ResponseEntity<?>>map(pack -> {
                    Map<String, Object> json = EvidenceJson.of(pack);
                    if (format.get().equals(MediaType.TEXT_HTML)) {
                        Context page = new Context(Locale.ENGLISH, Map.of("pack", json));
                        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                                .body(templates.process(PAGE, page));
                    }
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
                })
                .orElseGet(() -> ApiProblems.problem(HttpStatus.NOT_FOUND, "Unknown verification", "verificationId",
                        "no verification " + verificationId));
    }

    /** The caller's most preferred of the two formats; JSON when the caller takes anything. */
    private static Optional<MediaType> format(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(MediaType.APPLICATION_JSON);
        }
        List<MediaType> wanted;
        try {
            wanted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException unreadable) {
            return Optional.empty();
        }
        return wanted.stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .filter(type -> type.getQualityValue() > 0)
                .map(type -> type.isWildcardType() || type.includes(MediaType.APPLICATION_JSON) ? MediaType.APPLICATION_JSON
                        : type.includes(MediaType.TEXT_HTML) ? MediaType.TEXT_HTML : null)
                .filter(Objects::nonNull)
                .findFirst();
    }
}
