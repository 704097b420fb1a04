package com.centralstation.verification.app.security;

import java.util.Set;

/**
 * The Camunda groups whose members may see the operator board (operators, supervisors and administrators, as
 * {@code verification.roles.*} names them), for the web layer, which reads no role settings of its own.
 */
public record BoardGroups(Set<String> names) {

    public BoardGroups {
        names = Set.copyOf(names);
    }

    public boolean admit(CamundaUser user) {
        return user.inAnyOf(names);
    }
}
