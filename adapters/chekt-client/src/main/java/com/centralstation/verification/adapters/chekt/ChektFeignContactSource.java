package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.port.out.ChektContactSource;
import com.centralstation.verification.core.port.out.ChektGatewayException;

import java.util.List;

/** Reads a site's contacts with CHeKT's {@code GET .../sites/{siteId}/contacts}. */
final class ChektFeignContactSource implements ChektContactSource {

    private final SiteContactsClient siteContacts;
    private final ChektCalls calls;

    ChektFeignContactSource(SiteContactsClient siteContacts, ChektCalls calls) {
        this.siteContacts = siteContacts;
        this.calls = calls;
    }

    @Override
    public List<Contact> siteContacts(SiteRef site) {
        return calls.call(ChektCalls.CONTACTS, traceId -> {
            var body = siteContacts.contacts(site.dealerId(), site.siteId(), traceId.toString());
            try {
                return SiteContacts.read(body);
            } catch (IllegalArgumentException unreadable) {
                throw new ChektGatewayException.Unavailable("CHeKT's contact list for site " + site
                        + " could not be read: " + unreadable.getMessage(), 200, null, null, null, traceId, unreadable);
            }
        });
    }
}
