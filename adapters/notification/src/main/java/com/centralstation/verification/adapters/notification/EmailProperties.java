package com.centralstation.verification.adapters.notification;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Channel {@code email}: e-mail over SMTP, {@code verification.notification.email.*}; the server itself is Spring
 * Boot's {@code spring.mail.*}. Bound and checked only when the channel is enabled.
 *
 * @param from the sender address
 */
@Validated
@ConfigurationProperties(NotificationProperties.PREFIX + "email")
public record EmailProperties(
        @NotBlank(message = NotificationProperties.PREFIX + "email.from is required when channel email is enabled")
        @Email(message = NotificationProperties.PREFIX + "email.from must be an e-mail address")
        String from) {
}
