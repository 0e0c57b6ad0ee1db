package io.vestibule.platform.launcher;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Passwords of the key and trust stores written for Payara in one run: random, held only by this process and
 * handed to Payara as system property references, so a store left on disk cannot be opened, or altered without
 * its integrity check failing, once the process has ended.
 */
final class RuntimePasswords {
    private RuntimePasswords() {
    }

    static char[] generate(SecureRandom random) {
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
    }
}
