package com.centralstation.verification.app.demo;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;

import java.util.List;

/** The test dealer, site and call list the demo seeds, as CHeKT's guide says to test: a test site with test contacts. */
public final class DemoSite {

    public static final SiteRef SITE = new SiteRef("demo-dealer", "demo-site");

    public static final CallList CALL_LIST = new CallList(List.of(
            new Contact(7001, "Alice", "Adams", "+15550107001", "alice@example.com"),
            new Contact(7002, "Bruno", "Berg", "+15550107002", "bruno@example.com"),
            new Contact(7003, "Chloe", "Chen", "+15550107003", null)));

    private DemoSite() {
    }

    static boolean isDemoSite(String dealerId, String siteId) {
        return SITE.dealerId().equals(dealerId) && SITE.siteId().equals(siteId);
    }

    static boolean isDemoContact(long contactId) {
        return CALL_LIST.contacts().stream().anyMatch(contact -> contact.contactId() == contactId);
    }
}
