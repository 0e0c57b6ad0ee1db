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
            case INVALID_USERNAME -> ApiProblem.invalidField("username", refused.getMessage());
            case USERNAME_TAKEN -> new ApiProblem(409, "username_taken", refused.getMessage());
            case INVALID_CREDENTIALS -> new ApiProblem(401, "invalid_credentials", "The user name or password is wrong.");
            case UNKNOWN_ROLE -> ApiProblem.invalidField("roles", refused.getMessage());
            case LAST_ADMINISTRATOR -> new ApiProblem(409, "last_administrator", refused.getMessage());
            case NOT_FOUND -> ApiProblem.notFound();
        };
    }

    ApiProblem of(RoleRefused refused) {
        return switch (refused.reason()) {
            case INVALID_NAME -> ApiProblem.invalidField("name", refused.getMessage());
            case NO_PERMISSIONS, AUDITOR_ONLY_PERMISSION -> ApiProblem.invalidField("permissions", refused.getMessage());
            case INVALID_GROUP_DN -> ApiProblem.invalidField("groupDn", refused.getMessage());
            case NO_ROLES, UNKNOWN_ROLE -> ApiProblem.invalidField("roles", refused.getMessage());
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
