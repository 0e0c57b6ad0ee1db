package io.vestibule.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The passphrase of the master key store: from configuration ({@code VESTIBULE_KEYSTORE_PASSWORD}) or, when none
 * is configured, a random one kept in a file beside the store. The second form protects the keys only as well
 * as the file permissions do; {@link #storedBesideKeys()} lets the caller say so.
 */
public record MasterPassphrase(char[] value, boolean storedBesideKeys) {

    /**
     * The configured passphrase, else the one in {@code passphraseFile}; a new random one is made and written only on a
     * first install, when neither the file nor the store exists.
     *
     * @throws KeyStoreRefused when the passphrase is empty, or its file is missing beside an existing store
     */
    public static MasterPassphrase resolve(Optional<String> configured, Path passphraseFile, Path storeFile, SecureRandom random) {
        if (configured.isPresent()) {
            if (configured.get().isBlank()) {
                throw new KeyStoreRefused("VESTIBULE_KEYSTORE_PASSWORD is set but empty; set the master key store's passphrase, "
                        + "or unset it to use the one in " + passphraseFile);
            }
            return new MasterPassphrase(configured.get().toCharArray(), false);
        }
        try {
            PrivateFiles.removeStaleTemporaries(passphraseFile);
            if (Files.exists(passphraseFile)) {
                char[] stored = Files.readString(passphraseFile, StandardCharsets.US_ASCII).strip().toCharArray();
                if (stored.length == 0) {
                    throw new KeyStoreRefused("The passphrase file " + passphraseFile + " is empty; restore it from this installation's "
                            + "backup, or set VESTIBULE_KEYSTORE_PASSWORD");
                }
                return new MasterPassphrase(stored, true);
            }
            if (Files.exists(storeFile)) {
                throw new KeyStoreRefused("The passphrase file " + passphraseFile + " is missing beside the existing master key store "
                        + storeFile + "; restore it from this installation's backup, or set VESTIBULE_KEYSTORE_PASSWORD; nothing was changed");
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            PrivateFiles.writeAtomically(passphraseFile, generated.getBytes(StandardCharsets.US_ASCII));
            return new MasterPassphrase(generated.toCharArray(), true);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the key store passphrase file " + passphraseFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MasterPassphrase[redacted]";
    }
}
