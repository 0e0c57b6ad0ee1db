package io.vestibule.crypto;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Run by {@link Pkcs11KeyEncryptionKeysTest} in a JVM of its own, as the service after a restart: opens the token
 * and prints the current alias and the data key that the given alias unwraps. Arguments: library, token label,
 * alias prefix, alias, wrapped key in hex; the PIN comes in the environment.
 */
public final class TokenKeysInAnotherProcess {
    static final String PIN_VARIABLE = "VESTIBULE_TEST_TOKEN_PIN";

    private TokenKeysInAnotherProcess() {
    }

    public static void main(String[] args) {
        CryptoPolicy policy = CryptoPolicy.standard();
        Pkcs11Settings settings = new Pkcs11Settings(Path.of(args[0]), new Pkcs11Settings.Labelled(args[1]),
                System.getenv(PIN_VARIABLE).toCharArray(), args[2]);
        try (Pkcs11KeyEncryptionKeys keys = Pkcs11KeyEncryptionKeys.open(settings, policy, policy.newSecureRandom())) {
            System.out.println("current=" + keys.current().alias());
            byte[] unwrapped = keys.byAlias(args[3]).unwrap(HexFormat.of().parseHex(args[4]), "AES").getEncoded();
            System.out.println("unwrapped=" + HexFormat.of().formatHex(unwrapped));
        }
    }
}
