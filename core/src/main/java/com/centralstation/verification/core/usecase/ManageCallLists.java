package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.port.out.CallListDirectory;
import com.centralstation.verification.core.port.out.ChektContactSource;

/** Reads and sets a site's call list, and brings in the contacts CHeKT knows for the site. */
public final class ManageCallLists {

    private final CallListDirectory callLists;
    private final ChektContactSource chektContacts;

    public ManageCallLists(CallListDirectory callLists, ChektContactSource chektContacts) {
        this.callLists = callLists;
        this.chektContacts = chektContacts;
    }

    public CallList callList(SiteRef site) {
        return callLists.find(site).orElse(CallList.empty());
    }

    public CallList replace(SiteRef site, CallList callList) {
        callLists.replace(site, callList);
        return callList;
    }

    /** Known contacts keep their place; contacts new to the station are appended in CHeKT's order. */
    public CallList importFromChekt(SiteRef site) {
        CallList merged = callList(site).mergedWith(chektContacts.siteContacts(site));
        callLists.replace(site, merged);
        return merged;
    }
}
