package com.centralstation.verification.adapters.persistence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The audit hash chain's key.
 *
 * @param chainKey the HMAC key of every audit row's hash ({@link AuditRowHash}): a secret kept outside the database,
 *                 at least 32 characters (a random one: {@code openssl rand -base64 48}); never logged. Changing it
 *                 makes every chain sealed with the old key fail its check.
 */
@Validated
@ConfigurationProperties("verification.audit")
public record AuditChainProperties(
        @NotBlank(message = "is required: the audit chain's HMAC key, a secret kept outside the database")
        @Size(min = 32, message = "must be at least 32 characters") String chainKey) {

    @Override
    public String toString() {
        return "AuditChainProperties[chainKey=****]";
    }
}
