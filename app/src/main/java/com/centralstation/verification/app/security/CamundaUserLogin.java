package com.centralstation.verification.app.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A login with a Camunda user, the same identities and groups as Tasklist: the password is checked by Camunda's
 * {@link IdentityService} (which also counts failed attempts and locks a user out as Tasklist's login does), and the
 * user's groups become authorities. Members of the board's groups get the board role; everyone else is logged in
 * without it and refused by the board (403).
 */
public final class CamundaUserLogin implements AuthenticationProvider {

    /** The role of a user who may see the operator board. */
    public static final String BOARD_ROLE = "BOARD";
    private static final String GROUP_PREFIX = "CAMUNDA_GROUP_";

    private final IdentityService identity;
    private final Set<String> boardGroups;

    /** @param boardGroups the Camunda groups whose members may see the board */
    public CamundaUserLogin(IdentityService identity, Set<String> boardGroups) {
        this.identity = identity;
        this.boardGroups = Set.copyOf(boardGroups);
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String user = login.getName();
        Object password = login.getCredentials();
        if (user == null || user.isBlank() || !(password instanceof String text) || !identity.checkPassword(user, text)) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        boolean board = false;
        for (Group group : identity.createGroupQuery().groupMember(user).list()) {
            authorities.add(new SimpleGrantedAuthority(GROUP_PREFIX + group.getId()));
            board |= boardGroups.contains(group.getId());
        }
        if (board) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + BOARD_ROLE));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The Camunda groups of a user logged in here (none for the station's login). */
    public static List<String> groups(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(GROUP_PREFIX))
                .map(authority -> authority.substring(GROUP_PREFIX.length())).toList();
    }
}
