package com.centralstation.verification.app.security;

import com.centralstation.verification.workflow.engine.Roles;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Camunda admin user (Cockpit, Tasklist, Admin, engine REST). Camunda binds the same prefix for
 * itself but would fall back to "password = id"; binding it here too, with validation, makes a missing
 * password stop start-up with a message naming {@code camunda.bpm.admin-user.password}. {@link Roles} keeps the
 * user in the admin group and applies a changed password at the next start.
 */
@Validated
@ConfigurationProperties("camunda.bpm.admin-user")
public record AdminUserProperties(@NotBlank String id, @NotBlank String password, String firstName, String lastName) {

    @Override
    public String toString() {
        return "AdminUserProperties[id=" + id + ", password=****]";
    }

    public Roles.AdminAccount account() {
        return new Roles.AdminAccount(id, password, firstName, lastName);
    }
}
