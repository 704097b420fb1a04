package com.centralstation.verification.core.domain;

/** A monitored site as CHeKT names it: a dealer (the central station's account) and a site under it. */
public record SiteRef(String dealerId, String siteId) {

    public SiteRef {
        dealerId = Require.text(dealerId, "dealerId");
        siteId = Require.text(siteId, "siteId");
    }

    @Override
    public String toString() {
        return dealerId + "/" + siteId;
    }
}
