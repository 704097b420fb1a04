package com.centralstation.verification.workflow.engine;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.stream.Stream;

/**
 * The Camunda group of each role; {@link Roles} creates them and their authorizations at start-up.
 *
 * @param admin       verification.roles.admin: everything, Admin included (the configured admin user is a member)
 * @param supervisors verification.roles.supervisors: Cockpit and Tasklist on alarm verifications
 * @param operators   verification.roles.operators: Tasklist on alarm verifications
 * @param analysts    verification.roles.analysts: deployments through /engine-rest, reading definitions and instances
 */
@Validated
@ConfigurationProperties("verification.roles")
public record RoleProperties(
        @NotBlank @DefaultValue("camunda-admin") String admin,
        @NotBlank @DefaultValue("supervisors") String supervisors,
        @NotBlank @DefaultValue("operators") String operators,
        @NotBlank @DefaultValue("analysts") String analysts) {

    public static RoleProperties defaults() {
        return new RoleProperties("camunda-admin", "supervisors", "operators", "analysts");
    }

    @AssertTrue(message = "verification.roles.admin, .supervisors, .operators and .analysts must be four different groups")
    public boolean isDistinct() {
        return admin == null || supervisors == null || operators == null || analysts == null
                || Stream.of(admin, supervisors, operators, analysts).distinct().count() == 4;
    }
}
