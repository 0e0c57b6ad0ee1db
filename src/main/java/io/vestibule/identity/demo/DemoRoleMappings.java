package io.vestibule.identity.demo;

import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.identity.roles.RoleMapping;
import io.vestibule.identity.roles.RoleMappingRepository;

/**
 * In demo mode (R-RUN-2), the demo directory's groups map to roles: vestibule-auditors to Auditor (carol) and
 * vestibule-admins to Read-write (dave). Written once, at the first demo start; administrators may change them.
 */
@ApplicationScoped
public class DemoRoleMappings {
    private static final Logger LOG = Logger.getLogger(DemoRoleMappings.class.getName());

    @Inject
    Config config;

    @Inject
    RoleMappingRepository mappings;

    void atDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 150) @Initialized(ApplicationScoped.class) Object started) {
        if (!config.getOptionalValue("vestibule.demo", Boolean.class).orElse(false) || !mappings.all().isEmpty()) {
            return;
        }
        mappings.save(new RoleMapping(UUID.randomUUID(), "Demo auditors", DemoDirectory.AUDITORS_GROUP_DN, Set.of(BuiltInRoles.AUDITOR.id())));
        mappings.save(new RoleMapping(UUID.randomUUID(), "Demo administrators", DemoDirectory.ADMINISTRATORS_GROUP_DN,
                Set.of(BuiltInRoles.READ_WRITE.id())));
        LOG.info("Demo role mappings written: vestibule-auditors -> Auditor, vestibule-admins -> Read-write");
    }
}
