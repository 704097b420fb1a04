package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.adapters.notification.NotificationProperties.Channel;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.net.URI;

/**
 * Checks the per-channel settings of the enabled channels only. The message carries the property's
 * configuration name, so an operator reads exactly what to set.
 */
class EnabledChannelsConfiguredValidator
        implements ConstraintValidator<EnabledChannelsConfigured, NotificationProperties> {

    private static final String PREFIX = NotificationProperties.PREFIX;

    @Override
    public boolean isValid(NotificationProperties properties, ConstraintValidatorContext context) {
        if (properties == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (properties.enabled(Channel.SMS)) {
            NotificationProperties.Sms sms = properties.sms();
            valid &= httpUrl(sms.baseUrl(), "sms", "baseUrl", "sms.base-url", context);
            valid &= present(sms.accountSid(), "sms", "accountSid", "sms.account-sid", context);
            valid &= present(sms.authToken(), "sms", "authToken", "sms.auth-token", context);
            valid &= present(sms.from(), "sms", "from", "sms.from", context);
        }
        if (properties.enabled(Channel.EMAIL)) {
            valid &= present(properties.email().from(), "email", "from", "email.from", context);
        }
        if (properties.enabled(Channel.WEBHOOK)) {
            valid &= httpUrl(properties.webhook().url(), "webhook", "url", "webhook.url", context);
            valid &= present(properties.webhook().secret(), "webhook", "secret", "webhook.secret", context);
        }
        return valid;
    }

    private static boolean present(String value, String group, String field, String property,
                                   ConstraintValidatorContext context) {
        if (value != null && !value.isBlank()) {
            return true;
        }
        violation(context, group, field, PREFIX + property + " is required when channel " + group + " is enabled");
        return false;
    }

    private static boolean httpUrl(URI value, String group, String field, String property,
                                   ConstraintValidatorContext context) {
        if (value != null && value.isAbsolute() && value.getHost() != null
                && ("http".equals(value.getScheme()) || "https".equals(value.getScheme()))) {
            return true;
        }
        violation(context, group, field, PREFIX + property + " must be an absolute http(s) URL when channel "
                + group + " is enabled");
        return false;
    }

    private static void violation(ConstraintValidatorContext context, String group, String field, String message) {
        context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                .addPropertyNode(group).addPropertyNode(field).addConstraintViolation();
    }
}
