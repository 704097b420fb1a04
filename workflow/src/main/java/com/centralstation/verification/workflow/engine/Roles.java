package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.DELETE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.MIGRATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.RETRY_JOB;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.SUSPEND_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.TASK_ASSIGN;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.TASK_WORK;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.UPDATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.UPDATE_TASK;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.UPDATE_TASK_VARIABLE;

/**
 * The service's roles as Camunda groups and authorizations, created at start-up and completed on every start
 * (idempotent: missing groups, grants and permissions are added; nothing an administrator granted in Admin is
 * taken away). With {@code camunda.bpm.authorization.enabled} a user can do only what a group grants:
 * <ul>
 *   <li>operators: Tasklist; read, claim and complete alarm-verification tasks and the variables their form shows;</li>
 *   <li>supervisors: Cockpit and Tasklist on alarm verifications: instances (read, retry incidents, modify,
 *       suspend, migrate, cancel), their history and variables, and all their tasks; the decisions' definitions;</li>
 *   <li>analysts: Cockpit; create deployments (BPMN, DMN, forms, as Camunda Modeler does through
 *       {@code /engine-rest}); read every process and decision definition and their instances; no tasks;</li>
 *   <li>admin: everything (an engine admin group), and the only one who may create users, groups and authorizations.</li>
 * </ul>
 * The configured admin user ({@code camunda.bpm.admin-user.*}) exists, is a member of the admin group and has the
 * configured password: a changed {@code camunda.bpm.admin-user.password} takes effect at the next start.
 *
 * <p>Engine calls from the service's own code (webhook intake, the station API, job executor threads) run without
 * an authenticated Camunda user, which the engine does not check; callers of Cockpit, Tasklist, Admin and
 * {@code /engine-rest} are checked.
 */
public class Roles extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(Roles.class);
    private static final String ANY = Authorization.ANY;
    private static final String PROCESS = AlarmVerificationModel.PROCESS_KEY;

    private final RoleProperties groups;
    private final AdminAccount admin;

    public Roles(RoleProperties groups, AdminAccount admin) {
        this.groups = groups;
        this.admin = admin;
    }

    /** The configured administrator: {@code camunda.bpm.admin-user.*}. */
    public record AdminAccount(String id, String password, String firstName, String lastName) {

        @Override
        public String toString() {
            return "AdminAccount[id=" + id + ", password=****]";
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<String> adminGroups = configuration.getAdminGroups() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getAdminGroups());
        if (!adminGroups.contains(groups.admin())) {
            adminGroups.add(groups.admin());
        }
        configuration.setAdminGroups(adminGroups);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        group(identity, groups.admin(), "Administrators");
        group(identity, groups.supervisors(), "Supervisors");
        group(identity, groups.operators(), "Operators");
        group(identity, groups.analysts(), "Business analysts");
        for (Grant grant : grants()) {
            grant.apply(authorizations);
        }
        adminUser(identity);
    }

    /** Every grant the roles carry; the README's roles table says the same in words. */
    List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        for (Resources resource : Resources.values()) {
            grants.add(new Grant(groups.admin(), resource, ANY, Permissions.ALL));
        }

        grants.add(new Grant(groups.operators(), Resources.APPLICATION, "tasklist", Permissions.ACCESS));
        grants.add(new Grant(groups.operators(), Resources.FILTER, ANY, Permissions.READ));
        grants.add(new Grant(groups.operators(), Resources.PROCESS_DEFINITION, PROCESS,
                ProcessDefinitionPermissions.READ, READ_TASK, TASK_WORK, READ_TASK_VARIABLE));

        grants.add(new Grant(groups.supervisors(), Resources.APPLICATION, "cockpit", Permissions.ACCESS));
        grants.add(new Grant(groups.supervisors(), Resources.APPLICATION, "tasklist", Permissions.ACCESS));
        grants.add(new Grant(groups.supervisors(), Resources.FILTER, ANY, Permissions.READ));
        grants.add(new Grant(groups.supervisors(), Resources.PROCESS_DEFINITION, PROCESS,
                ProcessDefinitionPermissions.READ, READ_INSTANCE, UPDATE_INSTANCE, DELETE_INSTANCE, RETRY_JOB,
                SUSPEND_INSTANCE, MIGRATE_INSTANCE, READ_HISTORY, READ_HISTORY_VARIABLE, READ_INSTANCE_VARIABLE,
                UPDATE_INSTANCE_VARIABLE, READ_TASK, UPDATE_TASK, TASK_WORK, TASK_ASSIGN, READ_TASK_VARIABLE,
                UPDATE_TASK_VARIABLE));
        grants.add(new Grant(groups.supervisors(), Resources.DECISION_DEFINITION, ANY, Permissions.READ));
        grants.add(new Grant(groups.supervisors(), Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));

        grants.add(new Grant(groups.analysts(), Resources.APPLICATION, "cockpit", Permissions.ACCESS));
        grants.add(new Grant(groups.analysts(), Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ));
        grants.add(new Grant(groups.analysts(), Resources.PROCESS_DEFINITION, ANY,
                ProcessDefinitionPermissions.READ, READ_INSTANCE, READ_HISTORY));
        grants.add(new Grant(groups.analysts(), Resources.DECISION_DEFINITION, ANY, Permissions.READ));
        grants.add(new Grant(groups.analysts(), Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
        return grants;
    }

    private static void group(IdentityService identity, String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
            log.info("Created Camunda group {}", id);
        }
    }

    private void adminUser(IdentityService identity) {
        User user = identity.createUserQuery().userId(admin.id()).singleResult();
        if (user == null) {
            user = identity.newUser(admin.id());
            user.setFirstName(admin.firstName() == null ? capitalized(admin.id()) : admin.firstName());
            user.setLastName(admin.lastName() == null ? capitalized(admin.id()) : admin.lastName());
            user.setEmail(admin.id() + "@localhost");
            user.setPassword(admin.password());
            identity.saveUser(user);
            log.info("Created the Camunda admin user {}", admin.id());
        } else if (!identity.checkPassword(admin.id(), admin.password())) {
            // The failed check counted a login attempt on the user: read it again, or saving it would conflict.
            user = identity.createUserQuery().userId(admin.id()).singleResult();
            user.setPassword(admin.password());
            identity.saveUser(user);
            // The check above counted as a failed login; it must not lock the administrator out.
            identity.unlockUser(admin.id());
            log.info("Applied the configured password (camunda.bpm.admin-user.password) to the Camunda admin user {}", admin.id());
        }
        if (identity.createUserQuery().userId(admin.id()).memberOfGroup(groups.admin()).count() == 0) {
            identity.createMembership(admin.id(), groups.admin());
        }
    }

    private static String capitalized(String id) {
        return id.isEmpty() ? id : id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    /** One group's permissions on one resource (id or {@code *}). */
    record Grant(String group, Resource resource, String resourceId, Permission... permissions) {

        void apply(AuthorizationService authorizations) {
            Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
                    .resourceType(resource).resourceId(resourceId).authorizationType(Authorization.AUTH_TYPE_GRANT)
                    .singleResult();
            Authorization authorization = existing != null ? existing
                    : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            boolean changed = existing == null;
            if (existing == null) {
                authorization.setGroupId(group);
                authorization.setResource(resource);
                authorization.setResourceId(resourceId);
            }
            for (Permission permission : permissions) {
                if (!authorization.isPermissionGranted(permission)) {
                    authorization.addPermission(permission);
                    changed = true;
                }
            }
            if (changed) {
                authorizations.saveAuthorization(authorization);
            }
        }

        @Override
        public String toString() {
            return group + " " + resource.resourceName() + " " + resourceId + " " + Arrays.toString(permissions);
        }
    }
}
