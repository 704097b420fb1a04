package com.centralstation.verification.core.domain;

import java.net.URI;
import java.util.Locale;

/**
 * An address shown in records that leave the station (evidence packs): enough to tell which number or
 * mailbox was tried, not enough to call or write to it. A phone number keeps its last three digits, an
 * e-mail address its first letter and domain, a URL its host.
 */
public final class MaskedAddress {

    private static final String HIDDEN = "•••";

    private MaskedAddress() {
    }

    public static String of(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String value = address.strip();
        int at = value.lastIndexOf('@');
        if (at > 0) {
            return value.charAt(0) + HIDDEN + value.substring(at);
        }
        if (value.toLowerCase(Locale.ROOT).startsWith("http")) {
            try {
                String host = URI.create(value).getHost();
                return host == null ? HIDDEN : host + "/" + HIDDEN;
            } catch (IllegalArgumentException notAUri) {
                return HIDDEN;
            }
        }
        String digits = value.replaceAll("\\D", "");
        return digits.length() <= 3 ? HIDDEN : HIDDEN + digits.substring(digits.length() - 3);
    }
}
