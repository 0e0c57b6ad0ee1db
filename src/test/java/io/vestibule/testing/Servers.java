package io.vestibule.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The running services the integration tests share: one on the embedded database and one on PostgreSQL, each
 * started at first use and stopped when the whole test run ends.
 */
public final class Servers {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Servers.class);

    private Servers() {
    }

    public static VestibuleServer embedded(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("embedded",
                key -> VestibuleServer.start("embedded", Map.of(), () -> { }), VestibuleServer.class);
    }

    /** The shared servers started so far, without starting any. */
    static List<VestibuleServer> started(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return Stream.of("embedded", "postgres").map(name -> store.get(name, VestibuleServer.class)).filter(Objects::nonNull).toList();
    }

    public static VestibuleServer postgres(ExtensionContext context) {
        RequiredParts.require(PostgresDatabase.available(), "PostgreSQL at 127.0.0.1:5432",
                "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("postgres", key -> {
            PostgresDatabase database = PostgresDatabase.create();
            try {
                return VestibuleServer.start("postgres", database.settings(), database::close);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }, VestibuleServer.class);
    }
}
