package com.centralstation.verification.app.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/**
 * A person's own Camunda login (the one they use for Cockpit or Modeler) for the service's own endpoints: the
 * password is checked by Camunda's identity service (with its lock-out after failed attempts), and each Camunda
 * group the user is in becomes an authority {@code GROUP_<id>} ({@link #group}). Who did what is then a person, not
 * the station's shared login.
 */
final class CamundaLogins implements AuthenticationProvider {

    private final IdentityService identities;

    CamundaLogins(IdentityService identities) {
        this.identities = identities;
    }

    /** The authority of membership in a Camunda group. */
    static String group(String groupId) {
        return "GROUP_" + groupId;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String user = login.getName();
        String password = login.getCredentials() == null ? "" : login.getCredentials().toString();
        if (user == null || user.isBlank() || !identities.checkPassword(user, password)) {
            throw new BadCredentialsException("not a Camunda user with this password");
        }
        List<SimpleGrantedAuthority> groups = identities.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).map(CamundaLogins::group).map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
