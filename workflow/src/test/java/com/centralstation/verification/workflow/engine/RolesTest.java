package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles' groups and grants, seeded on an engine with authorization on, start after start. */
class RolesTest {

    private static final Roles.AdminAccount ADMIN = new Roles.AdminAccount("admin", "first-password", "Supervisor", null);
    private static ProcessEngine engine;

    @BeforeAll
    static void engineWithRoles() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("roles-test");
        configuration.setJdbcUrl("jdbc:h2:mem:roles-test;DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setAuthorizationEnabled(true);
        configuration.setProcessEnginePlugins(List.of(new Roles(RoleProperties.defaults(), ADMIN)));
        engine = configuration.buildProcessEngine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void eachRoleGetsItsGroupAndTheAdminIsAnEngineAdministrator() {
        IdentityService identity = engine.getIdentityService();
        assertThat(identity.createGroupQuery().groupIdIn("camunda-admin", "supervisors", "operators", "analysts").count()).isEqualTo(4);
        assertThat(identity.createUserQuery().userId("admin").memberOfGroup("camunda-admin").singleResult().getFirstName())
                .isEqualTo("Supervisor");
        assertThat(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getAdminGroups()).contains("camunda-admin");

        AuthorizationService authorizations = engine.getAuthorizationService();
        assertThat(authorizations.isUserAuthorized("nobody", List.of("operators"), ProcessDefinitionPermissions.TASK_WORK,
                Resources.PROCESS_DEFINITION, "alarm-verification")).isTrue();
        assertThat(authorizations.isUserAuthorized("nobody", List.of("operators"), ProcessDefinitionPermissions.READ_TASK,
                Resources.PROCESS_DEFINITION, "another-process")).isFalse();
        assertThat(authorizations.isUserAuthorized("nobody", List.of("operators"), Permissions.ACCESS,
                Resources.APPLICATION, "cockpit")).isFalse();
        assertThat(authorizations.isUserAuthorized("nobody", List.of("analysts"), Permissions.CREATE,
                Resources.DEPLOYMENT, "*")).isTrue();
        assertThat(authorizations.isUserAuthorized("nobody", List.of("analysts"), ProcessDefinitionPermissions.READ_TASK,
                Resources.PROCESS_DEFINITION, "alarm-verification")).isFalse();
        assertThat(authorizations.isUserAuthorized("nobody", List.of("supervisors"), ProcessDefinitionPermissions.RETRY_JOB,
                Resources.PROCESS_DEFINITION, "alarm-verification")).isTrue();
        for (String group : List.of("supervisors", "operators", "analysts")) {
            for (Resources identityResource : List.of(Resources.USER, Resources.GROUP, Resources.GROUP_MEMBERSHIP, Resources.AUTHORIZATION)) {
                assertThat(authorizations.isUserAuthorized("nobody", List.of(group), Permissions.CREATE, identityResource))
                        .as(group + " creates " + identityResource.resourceName()).isFalse();
            }
        }
    }

    @Test
    void seedingAgainChangesNothing() {
        long authorizations = engine.getAuthorizationService().createAuthorizationQuery().count();
        long groups = engine.getIdentityService().createGroupQuery().count();

        new Roles(RoleProperties.defaults(), ADMIN).postProcessEngineBuild(engine);

        assertThat(engine.getAuthorizationService().createAuthorizationQuery().count()).isEqualTo(authorizations);
        assertThat(engine.getIdentityService().createGroupQuery().count()).isEqualTo(groups);
    }

    @Test
    void aChangedAdminPasswordIsAppliedAtTheNextStartAndLocksNobodyOut() {
        Roles.AdminAccount changed = new Roles.AdminAccount("admin", "second-password", null, null);

        new Roles(RoleProperties.defaults(), changed).postProcessEngineBuild(engine);

        IdentityService identity = engine.getIdentityService();
        assertThat(identity.checkPassword("admin", "second-password")).isTrue();
        assertThat(identity.checkPassword("admin", "first-password")).isFalse();
        identity.unlockUser("admin");
        new Roles(RoleProperties.defaults(), ADMIN).postProcessEngineBuild(engine);
        assertThat(identity.checkPassword("admin", "first-password")).isTrue();
    }

    @Test
    void theFourGroupsMustDiffer() {
        new ApplicationContextRunner().withUserConfiguration(Bound.class)
                .withPropertyValues("verification.roles.operators=supervisors")
                .run(app -> {
                    assertThat(app).hasFailed();
                    assertThat(app.getStartupFailure()).hasStackTraceContaining(
                            "verification.roles.admin, .supervisors, .operators and .analysts must be four different groups");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RoleProperties.class)
    static class Bound {
    }
}
