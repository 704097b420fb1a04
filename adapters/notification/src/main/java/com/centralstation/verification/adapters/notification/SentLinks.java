package com.centralstation.verification.adapters.notification;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * Told of each response link a channel has delivered (or may have delivered) to a contact. A deployment defines
 * none: the link is a contact's secret, kept only as a hash. The demo profile defines one to list the latest links on
 * its start page, so a tester can answer from the page as the contact would.
 */
@FunctionalInterface
public interface SentLinks {

    void sent(SentLink link);

    /** One link as it left: whose it is, for which alarm, by which channel. */
    record SentLink(UUID verificationId, String trigger, long contactId, String contactName, int position,
                    String channel, URI responseLink, Instant sentAt) {
    }
}
