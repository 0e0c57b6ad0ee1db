package io.vestibule.admin.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.vestibule.identity.local.AccountRefused;
import io.vestibule.identity.local.PasswordRule;
import io.vestibule.identity.roles.DutyRefused;
import io.vestibule.identity.roles.RoleRefused;
import io.vestibule.platform.api.ApiProblem;

/** The admin API's answers to refused account and role changes, with their stable codes. */
@ApplicationScoped
public class AdminProblems {
    ApiProblem of(AccountRefused refused) {
        return switch (refused.reason()) {
            case PASSWORD_POLICY -> {
                var failed = refused.failedRules().stream().map(PasswordRule::code).toList();
                yield new ApiProblem(400, "password_policy", "The password does not meet the password policy: " + String.join(", ", failed) + ".")
                        .with("failed", failed);
            }
            case INVALID_USERNAME -> ApiProblem.invalidField("username", "invalid_username", refused.getMessage());
            case USERNAME_TAKEN -> new ApiProblem(409, "username_taken", refused.getMessage());
            case INVALID_CREDENTIALS -> new ApiProblem(401, "invalid_credentials", "The user name or password is wrong.");
            case UNKNOWN_ROLE -> ApiProblem.invalidField("roles", "unknown_role", refused.getMessage());
            case LAST_ADMINISTRATOR -> new ApiProblem(409, "last_administrator", refused.getMessage());
            case NOT_FOUND -> ApiProblem.notFound();
        };
    }

    ApiProblem of(RoleRefused refused) {
        return switch (refused.reason()) {
            case INVALID_NAME -> ApiProblem.invalidField("name", "invalid_name", refused.getMessage());
            case NO_PERMISSIONS -> ApiProblem.invalidField("permissions", "no_permissions", refused.getMessage());
            case AUDITOR_ONLY_PERMISSION -> ApiProblem.invalidField("permissions", "auditor_only_permission", refused.getMessage());
            case INVALID_GROUP_DN -> ApiProblem.invalidField("groupDn", "invalid_group_dn", refused.getMessage());
            case NO_ROLES -> ApiProblem.invalidField("roles", "no_roles", refused.getMessage());
            case UNKNOWN_ROLE -> ApiProblem.invalidField("roles", "unknown_role", refused.getMessage());
            case BUILT_IN -> new ApiProblem(409, "built_in", refused.getMessage());
            case NAME_TAKEN -> new ApiProblem(409, "name_taken", refused.getMessage());
            case IN_USE -> new ApiProblem(409, "role_in_use", refused.getMessage());
        };
    }

    ApiProblem of(DutyRefused refused) {
        return switch (refused.reason()) {
            case OWN_GRANTS -> new ApiProblem(403, "own_grants", refused.getMessage());
            case PERMISSION_NOT_HELD -> new ApiProblem(403, "permission_not_held", refused.getMessage());
        };
    }
}
