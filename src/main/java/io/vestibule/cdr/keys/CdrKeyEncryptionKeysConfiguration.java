package io.vestibule.cdr.keys;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.Pkcs11Settings;

/**
 * Reads where the key-encryption keys of call records live ({@code VESTIBULE_CDR_KEK_STORE} and
 * {@code VESTIBULE_CDR_PKCS11_*}); see docs/admin-guide.md. Returns the token's settings when the store is
 * {@code pkcs11}, nothing when it is {@code pkcs12} (the master key store, the default). A setting that cannot
 * be used is an {@link IllegalArgumentException} naming it; the PIN never appears in a message.
 */
public final class CdrKeyEncryptionKeysConfiguration {
    static final String STORE = "vestibule.cdr.kek-store";
    static final String LIBRARY = "vestibule.cdr.pkcs11.library";
    static final String TOKEN_LABEL = "vestibule.cdr.pkcs11.token-label";
    static final String SLOT = "vestibule.cdr.pkcs11.slot";
    static final String PIN = "vestibule.cdr.pkcs11.pin";
    static final String ALIAS_PREFIX = "vestibule.cdr.pkcs11.alias-prefix";
    static final String DEFAULT_ALIAS_PREFIX = "cdr-kek";

    private static final List<String> TOKEN_SETTINGS = List.of(LIBRARY, TOKEN_LABEL, SLOT, PIN, ALIAS_PREFIX);

    private CdrKeyEncryptionKeysConfiguration() {
    }

    public static Optional<Pkcs11Settings> from(Config config) {
        String store = config.getOptionalValue(STORE, String.class).orElse("pkcs12").strip().toLowerCase(Locale.ROOT);
        switch (store) {
            case "pkcs12" -> {
                requireNoTokenSettings(config);
                return Optional.empty();
            }
            case "pkcs11" -> {
                return Optional.of(tokenSettings(config));
            }
            default -> throw new IllegalArgumentException(environmentName(STORE) + " must be pkcs12 (the master key store)"
                    + " or pkcs11 (a PKCS#11 token), not '" + store + "'");
        }
    }

    private static Pkcs11Settings tokenSettings(Config config) {
        Optional<String> label = config.getOptionalValue(TOKEN_LABEL, String.class);
        Optional<String> slot = config.getOptionalValue(SLOT, String.class);
        if (label.isPresent() == slot.isPresent()) {
            throw new IllegalArgumentException("Set one of " + environmentName(TOKEN_LABEL) + " and " + environmentName(SLOT)
                    + " when " + environmentName(STORE) + " is pkcs11" + (label.isPresent() ? ", not both" : ""));
        }
        Pkcs11Settings.Token token = label.isPresent()
                ? new Pkcs11Settings.Labelled(label.get())
                : new Pkcs11Settings.InSlot(slotId(slot.get()));
        return new Pkcs11Settings(
                Path.of(required(config, LIBRARY)),
                token,
                required(config, PIN).toCharArray(),
                config.getOptionalValue(ALIAS_PREFIX, String.class).orElse(DEFAULT_ALIAS_PREFIX).strip());
    }

    /** A slot id as softhsm2-util (decimal) or pkcs11-tool (0x...) print it. */
    private static long slotId(String text) {
        String value = text.strip();
        try {
            return value.startsWith("0x") || value.startsWith("0X")
                    ? Long.parseLong(value.substring(2), 16)
                    : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(environmentName(SLOT) + " must be a slot id (decimal, or hexadecimal after 0x), not '"
                    + value + "'");
        }
    }

    /** Token settings while the store is the master key store would leave call records' keys off the token unnoticed. */
    private static void requireNoTokenSettings(Config config) {
        List<String> set = TOKEN_SETTINGS.stream()
                .filter(key -> config.getOptionalValue(key, String.class).isPresent())
                .map(CdrKeyEncryptionKeysConfiguration::environmentName)
                .toList();
        if (!set.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", set) + " set, but " + environmentName(STORE)
                    + " is not pkcs11: set it to pkcs11 to keep call records' keys on the token, or remove them");
        }
    }

    private static String required(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(environmentName(key) + " is required when "
                        + environmentName(STORE) + " is pkcs11"));
    }

    /** The environment variable of a key, as MicroProfile Config maps it ({@code vestibule.cdr.kek-store} → {@code VESTIBULE_CDR_KEK_STORE}). */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
