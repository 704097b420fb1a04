package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;

import java.util.List;

/** A site's contacts as CHeKT lists them (no call order: CHeKT has none). */
public interface ChektContactSource {

    /** @throws ChektGatewayException when CHeKT does not answer with the list */
    List<Contact> siteContacts(SiteRef site);
}
