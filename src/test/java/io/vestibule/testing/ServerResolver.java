package io.vestibule.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Supplies a running {@link VestibuleServer} parameter: the embedded-database one, or with {@link OnPostgres} the
 * PostgreSQL one. After each test class it signs out the admin clients the class made on them.
 */
public final class ServerResolver implements ParameterResolver, AfterAllCallback {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == VestibuleServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(OnPostgres.class) ? Servers.postgres(context) : Servers.embedded(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Servers.started(context).forEach(VestibuleServer::signOutAdminClients);
    }
}
