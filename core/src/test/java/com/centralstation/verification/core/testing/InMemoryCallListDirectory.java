package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.port.out.CallListDirectory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps call lists in memory for tests. */
public final class InMemoryCallListDirectory implements CallListDirectory {

    private final Map<SiteRef, CallList> lists = new ConcurrentHashMap<>();

    @Override
    public Optional<CallList> find(SiteRef site) {
        return Optional.ofNullable(lists.get(site));
    }

    @Override
    public void replace(SiteRef site, CallList callList) {
        lists.put(site, callList);
    }
}
