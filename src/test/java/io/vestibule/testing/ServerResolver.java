package io.vestibule.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Supplies a running {@link VestibuleServer} parameter: the embedded-database one, with {@link OnPostgres} the
 * PostgreSQL one, with {@link OnSeveralSettings} the one started with {@link Servers#SEVERAL_SETTINGS}, or with
 * {@link OnFullDisks} the one whose data directory has folders on small tmpfs mounts, with {@link OnAdminClientCa}
 * the one that asks administrators for client certificates. After each
 * test class it signs out the admin clients the class made on them.
 */
public final class ServerResolver implements ParameterResolver, AfterAllCallback {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == VestibuleServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.isAnnotated(OnPostgres.class)) {
            return Servers.postgres(context);
        }
        if (parameter.isAnnotated(OnFullDisks.class)) {
            return Servers.fullDisks(context);
        }
        if (parameter.isAnnotated(OnAdminClientCa.class)) {
            return Servers.adminClientCa(context);
        }
        return parameter.isAnnotated(OnSeveralSettings.class) ? Servers.severalSettings(context) : Servers.embedded(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Servers.started(context).forEach(VestibuleServer::signOutAdminClients);
    }
}
