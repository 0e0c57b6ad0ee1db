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

    public static MasterPassphrase resolve(Optional<String> configured, Path passphraseFile, SecureRandom random) {
        if (configured.isPresent() && !configured.get().isEmpty()) {
            return new MasterPassphrase(configured.get().toCharArray(), false);
        }
        try {
            if (Files.exists(passphraseFile)) {
                return new MasterPassphrase(Files.readString(passphraseFile, StandardCharsets.US_ASCII).strip().toCharArray(), true);
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            PrivateFiles.writeAtomically(passphraseFile, generated.getBytes(StandardCharsets.US_ASCII));
            return new MasterPassphrase(generated.toCharArray(), true);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the key store passphrase file " + passphraseFile, e);
        }
    }

    @Override
    public String toString() {
        return "MasterPassphrase[redacted]";
    }
}
