package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.SiteRef;

import java.util.Optional;

/** The central station's call lists, one per site. */
public interface CallListDirectory {

    Optional<CallList> find(SiteRef site);

    void replace(SiteRef site, CallList callList);
}
