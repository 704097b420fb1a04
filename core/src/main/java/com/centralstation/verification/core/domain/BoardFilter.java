package com.centralstation.verification.core.domain;

import java.util.Optional;

/**
 * Which open verifications the board shows: all, one dealer's, or one site's. A site id means something only under
 * its dealer (CHeKT numbers sites per dealer), so a site needs its dealer.
 */
public record BoardFilter(Optional<String> dealerId, Optional<String> siteId) {

    public static final BoardFilter ALL = new BoardFilter(Optional.empty(), Optional.empty());

    public BoardFilter {
        dealerId = dealerId.map(String::strip).filter(id -> !id.isEmpty());
        siteId = siteId.map(String::strip).filter(id -> !id.isEmpty());
        if (siteId.isPresent() && dealerId.isEmpty()) {
            throw new IllegalArgumentException("a site filter needs its dealer");
        }
    }

    public static BoardFilter of(String dealerId, String siteId) {
        return new BoardFilter(Optional.ofNullable(dealerId), Optional.ofNullable(siteId));
    }

    public boolean isAll() {
        return dealerId.isEmpty();
    }
}
