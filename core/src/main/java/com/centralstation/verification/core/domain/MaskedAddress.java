package com.centralstation.verification.core.domain;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address shown in records that leave the station (evidence packs): enough to tell which number or
 * mailbox was tried, not enough to call or write to it. A phone number keeps its last three digits, an
 * e-mail address its first letter and domain, a URL its host.
 */
public final class MaskedAddress {

    private static final String HIDDEN = "•••";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /**
     * A phone number inside text: an optional +, then digits with the usual separators, standing alone (not part
     * of a word, an id or a timestamp); {@link #inText} masks those of 7 to 15 digits (E.164's longest).
     */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+@.-])\\+?\\(?\\d[\\d\\s().-]{5,22}\\d(?![\\w@])");
    /** Runs of digits that are no phone number: a date, an IPv4 address. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern IP_ADDRESS = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

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

    /**
     * Free text from elsewhere (a gateway's error, CHeKT's message, a reason recorded with it) with every e-mail
     * address and phone number in it masked as {@link #of} masks an address; the rest is left as it was.
     */
    public static String inText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String withoutEmails = EMAIL.matcher(text).replaceAll(match -> Matcher.quoteReplacement(of(match.group())));
        return PHONE.matcher(withoutEmails).replaceAll(match -> {
            String candidate = match.group();
            int digits = candidate.replaceAll("\\D", "").length();
            boolean phone = digits >= 7 && digits <= 15 && !DATE.matcher(candidate).find() && !IP_ADDRESS.matcher(candidate).find();
            return Matcher.quoteReplacement(phone ? of(candidate) : candidate);
        });
    }
}
