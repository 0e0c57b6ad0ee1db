package io.vestibule.media.gateway.srtp;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.CipherFactory;

import io.vestibule.crypto.CryptoModule;
import io.vestibule.crypto.CryptoPolicy;

/**
 * jitsi-srtp's AES ciphers from the FIPS module in FIPS mode. Left alone, jitsi-srtp times every provider it knows and
 * takes the fastest, which would be the JDK's, outside the module.
 */
public final class FipsModuleCiphers extends CipherFactory {
    public FipsModuleCiphers() {
        super(CryptoPolicy.bouncyCastle());
    }

    /** In the FIPS build, makes jitsi-srtp take its ciphers from the module; otherwise changes nothing. */
    static void selectInFipsMode() {
        if (CryptoModule.fips()) {
            Aes.setFactoryClassName(FipsModuleCiphers.class.getName());
        }
    }
}
