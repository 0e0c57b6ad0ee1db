package io.vestibule.media.gateway.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.vestibule.platform.settings.SettingStore;

/**
 * The media gateway's admin settings in force: the value saved through the admin API, or else the start-up setting
 * ({@code VESTIBULE_MEDIA_ALLOW_AES_CM}), or else the default (AES-CM allowed). Once an administrator has saved a value,
 * the start-up setting no longer counts; a start whose start-up setting differs from the saved value says so in the log.
 *
 * <p>Read once, when the gateway is made at deployment, and then kept in memory: every DTLS handshake asks, on the
 * gateway's own threads, where the database is not to be reached. A change through this instance applies to the next
 * handshake; in a cluster another instance sees it after its restart, as with the other admin settings.
 */
@ApplicationScoped
public class MediaAdminSettingsService {
    private static final Logger LOG = Logger.getLogger(MediaAdminSettingsService.class.getName());
    static final String ALLOW_AES_CM = "media.allow-aes-cm";
    static final String ALLOW_AES_CM_AT_START_UP = "vestibule." + ALLOW_AES_CM;
    private static final String ALLOW_AES_CM_VARIABLE = "VESTIBULE_MEDIA_ALLOW_AES_CM";
    static final boolean ALLOW_AES_CM_BY_DEFAULT = true;

    private SettingStore store;
    private Config config;
    private volatile MediaAdminSettings inForce;

    @Inject
    public MediaAdminSettingsService(SettingStore store, Config config) {
        this.store = store;
        this.config = config;
    }

    /** For CDI's client proxy only. */
    protected MediaAdminSettingsService() {
    }

    /** The settings in force; only the first call reads the store, later ones (one per handshake) read memory. */
    public MediaAdminSettings current() {
        MediaAdminSettings settings = inForce;
        if (settings != null) {
            return settings;
        }
        synchronized (this) {
            if (inForce == null) {
                inForce = read();
            }
            return inForce;
        }
    }

    /** Saves settings an administrator changed; every DTLS handshake begun from now on follows them. */
    public synchronized MediaAdminSettings change(MediaAdminSettings changed, String administrator) {
        store.save(Map.of(ALLOW_AES_CM, String.valueOf(changed.allowAesCm())), administrator);
        inForce = changed;
        LOG.info(() -> "AES-CM (SRTP_AES128_CM_HMAC_SHA1_80) is " + (changed.allowAesCm() ? "allowed" : "refused")
                + " from the next DTLS handshake on, as " + administrator + " saved");
        return changed;
    }

    private MediaAdminSettings read() {
        Optional<Boolean> saved = Optional.ofNullable(store.all().get(ALLOW_AES_CM)).map(MediaAdminSettingsService::savedFlag);
        Optional<Boolean> atStartUp = config.getOptionalValue(ALLOW_AES_CM_AT_START_UP, String.class).map(String::strip)
                .filter(text -> !text.isEmpty()).map(MediaAdminSettingsService::startUpFlag);
        if (saved.isPresent() && atStartUp.isPresent() && !saved.equals(atStartUp)) {
            LOG.warning(() -> ALLOW_AES_CM_VARIABLE + "=" + atStartUp.get() + " is not used: an administrator saved " + saved.get()
                    + " in the console (Media encryption), which stays in force until changed there");
        }
        return new MediaAdminSettings(saved.or(() -> atStartUp).orElse(ALLOW_AES_CM_BY_DEFAULT));
    }

    /** The forms MicroProfile Config reads as booleans; anything else fails the deployment rather than turn AES-CM off unasked. */
    private static boolean startUpFlag(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "on" -> true;
            case "false", "0", "no", "n", "off" -> false;
            default -> throw new IllegalArgumentException(ALLOW_AES_CM_VARIABLE + " must be true or false, not '" + text + "'");
        };
    }

    private static boolean savedFlag(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException("The saved setting " + ALLOW_AES_CM + " (table admin_setting) is '" + text
                    + "', neither true nor false; delete the row to fall back to " + ALLOW_AES_CM_VARIABLE);
        };
    }
}
