package io.vestibule.admin.api;

import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.vestibule.platform.api.ApiProviders;

/**
 * The admin API, {@code /admin/api/v1}, served on the admin listener only (R-ADM-1); the portal's listener
 * answers 404 under {@code /admin} (platform/http/ListenerRouting). It shares the portal API's error shape and
 * body limit, none of its resources and not its session authentication.
 */
@ApplicationPath("/admin/api/v1")
public class AdminApplication extends Application {
    /** Every admin resource, and nothing else: a new one is one more line here, and its routes go in openapi/admin.yaml. */
    static final Set<Class<?>> RESOURCES = Set.of(
            ConsoleEntryResource.class,
            AdminAuthResource.class,
            UsersResource.class,
            RolesResource.class,
            RoleMappingsResource.class,
            SettingsResource.class,
            MediaSettingsResource.class,
            SyslogResource.class,
            CryptoPolicyResource.class,
            JoinSettingsResource.class,
            JoinBlockResource.class,
            RoomsResource.class,
            DirectoryResource.class,
            AuditResource.class,
            AuditIntegrityResource.class,
            BlocksResource.class,
            CertificatesResource.class,
            CallRecordsResource.class,
            KeysResource.class,
            IntegrationsResource.class,
            TrustStoreResource.class);

    /** The console's own providers: every admin request is authorised here (sessions, CSRF, permissions). */
    static final Set<Class<?>> PROVIDERS = Set.of(AdminAuthorization.class);

    @Override
    public Set<Class<?>> getClasses() {
        return ApiProviders.withShared(RESOURCES, PROVIDERS);
    }

    @Override
    public Map<String, Object> getProperties() {
        return ApiProviders.PROPERTIES;
    }
}
