package com.centralstation.verification.app.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;
import java.util.Set;

/**
 * Someone logged in with their own Camunda user ({@link CamundaLogins}): their id and their Camunda groups, which the
 * engine's authorizations are checked against when the service acts for them.
 */
public record CamundaUser(String id, List<String> groups) {

    private static final String GROUP = CamundaLogins.group("");

    public CamundaUser {
        groups = List.copyOf(groups);
    }

    public static CamundaUser of(Authentication authentication) {
        return new CamundaUser(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(authority -> authority.startsWith(GROUP))
                .map(authority -> authority.substring(GROUP.length())).toList());
    }

    public boolean inAnyOf(Set<String> wanted) {
        return groups.stream().anyMatch(wanted::contains);
    }
}
