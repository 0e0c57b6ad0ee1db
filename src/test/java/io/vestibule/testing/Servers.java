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

    /**
     * The settings of {@link OnSeveralSettings}'s service, one start for the classes that once each started a service
     * of their own: signed-in invitees skip the guest PIN ({@code InviteesSkipGuestPinIT}); join tokens last 30 s
     * with no clock skew allowed ({@code UnrefreshedTokenSocketIT}). A setting joins them only if no test of another
     * class on this service is affected by it.
     */
    public static final Map<String, String> SEVERAL_SETTINGS = Map.of(
            "VESTIBULE_JOIN_INVITEES_SKIP_GUEST_PIN", "true",
            "VESTIBULE_JOIN_TOKEN_LIFETIME_SECONDS", "30",
            "VESTIBULE_JOIN_CLOCK_SKEW_SECONDS", "0");

    public static VestibuleServer embedded(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("embedded",
                key -> VestibuleServer.start("embedded", Map.of(), () -> { }), VestibuleServer.class);
    }

    public static VestibuleServer severalSettings(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("several-settings",
                key -> VestibuleServer.start("several-settings", SEVERAL_SETTINGS, () -> { }), VestibuleServer.class);
    }

    /** The shared servers started so far, without starting any. */
    static List<VestibuleServer> started(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return Stream.of("embedded", "postgres", "several-settings").map(name -> store.get(name, VestibuleServer.class))
                .filter(Objects::nonNull).toList();
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
