package com.centralstation.verification.core.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A site's contacts in the order the central station calls them. CHeKT has no call order; the
 * station owns it. A contact appears at most once.
 */
public record CallList(List<Contact> contacts) {

    public CallList {
        contacts = List.copyOf(Require.present(contacts, "contacts"));
        Set<Long> seen = new HashSet<>();
        for (Contact contact : contacts) {
            if (!seen.add(contact.contactId())) {
                throw new IllegalArgumentException("contact " + contact.contactId() + " appears twice in the call list");
            }
        }
    }

    public static CallList empty() {
        return new CallList(List.of());
    }

    public static CallList of(Contact... contacts) {
        return new CallList(List.of(contacts));
    }

    public int size() {
        return contacts.size();
    }

    public boolean isEmpty() {
        return contacts.isEmpty();
    }

    /** The contact to call after {@code alreadyNotified} contacts have been called, if any is left. */
    public Optional<Contact> next(int alreadyNotified) {
        return alreadyNotified < contacts.size() ? Optional.of(contacts.get(alreadyNotified)) : Optional.empty();
    }

    public int remainingAfter(int alreadyNotified) {
        return Math.max(0, contacts.size() - alreadyNotified);
    }

    public Optional<Contact> find(long contactId) {
        return contacts.stream().filter(c -> c.contactId() == contactId).findFirst();
    }

    public boolean contains(long contactId) {
        return find(contactId).isPresent();
    }

    /**
     * The list after an import from CHeKT: known contacts keep their place and take CHeKT's current
     * details; contacts new to the list are appended in the order CHeKT lists them.
     */
    public CallList mergedWith(List<Contact> fromChekt) {
        List<Contact> merged = new ArrayList<>(contacts.size() + fromChekt.size());
        for (Contact known : contacts) {
            merged.add(fromChekt.stream().filter(c -> c.contactId() == known.contactId()).findFirst().orElse(known));
        }
        for (Contact incoming : fromChekt) {
            if (!contains(incoming.contactId()) && merged.stream().noneMatch(c -> c.contactId() == incoming.contactId())) {
                merged.add(incoming);
            }
        }
        return new CallList(merged);
    }
}
