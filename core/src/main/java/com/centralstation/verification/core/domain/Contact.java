package com.centralstation.verification.core.domain;

/**
 * A person who can verify alarms at a site. {@code contactId} is CHeKT's id: CHeKT's PATCH needs
 * it to name who decided.
 */
public record Contact(long contactId, String firstName, String lastName, String phoneNumber, String email) {

    public Contact {
        if (contactId <= 0) {
            throw new IllegalArgumentException("contactId must be positive, was " + contactId);
        }
        firstName = blankToNull(firstName);
        lastName = blankToNull(lastName);
        phoneNumber = blankToNull(phoneNumber);
        email = blankToNull(email);
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? "contact " + contactId : name;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
