package io.vestibule.platform.launcher;

import java.io.PrintStream;
import java.security.Provider;
import java.security.Security;

import io.vestibule.crypto.CryptoModule;
import io.vestibule.crypto.CryptoPolicy;

/**
 * FIPS mode (R-TLS, issue 19): the FIPS build's cryptography all goes through the Bouncy Castle FIPS module in
 * approved-only mode, and its TLS through Bouncy Castle's JSSE provider in FIPS mode over that module, so the
 * listeners and every TLS client of the service (directory, provider, syslog, OCSP) use approved algorithms only.
 *
 * <p>{@code VESTIBULE_FIPS} states what the operator expects; a build that cannot meet it does not start, so a
 * service believed to be in FIPS mode never runs outside it.
 */
final class FipsMode {
    static final String SETTING = "vestibule.fips";
    private static final String JSSE_PROVIDER = "org.bouncycastle.jsse.provider.BouncyCastleJsseProvider";

    private FipsMode() {
    }

    /** Checks the setting against the build and, in the FIPS build, installs the module and its TLS provider. */
    static void apply(LauncherSettings settings, PrintStream console) {
        boolean fipsBuild = CryptoModule.fips();
        boolean wanted = settings.flag(SETTING, fipsBuild);
        if (wanted && !fipsBuild) {
            throw new LaunchFailure("VESTIBULE_FIPS=true needs the FIPS build, vestibule-fips.jar (built beside vestibule.jar "
                    + "by ./mvnw package); this is the standard build");
        }
        if (!wanted && fipsBuild) {
            throw new LaunchFailure("VESTIBULE_FIPS=false, but this is the FIPS build, which runs only in FIPS mode: "
                    + "unset VESTIBULE_FIPS or start vestibule.jar");
        }
        if (!fipsBuild) {
            return;
        }
        Provider module;
        try {
            module = CryptoPolicy.bouncyCastle();
        } catch (CryptoModule.FipsModuleUnavailable e) {
            throw new LaunchFailure("FIPS mode (VESTIBULE_FIPS): " + e.getMessage());
        }
        if (Security.getProvider("BCJSSE") == null) {
            Security.insertProviderAt(jsseProvider(module), 2);
        }
        // The JDK's SunX509 key managers answer the provider's TLS 1.3 key-type queries with nothing, so a server
        // would find no usable suite: its own PKIX key managers serve instead, for Payara's listeners too.
        Security.setProperty("ssl.KeyManagerFactory.algorithm", "PKIX");
        console.println("FIPS mode: cryptography through " + CryptoModule.describe() + ", TLS through "
                + Security.getProvider("BCJSSE").getInfo());
    }

    private static Provider jsseProvider(Provider module) {
        try {
            return (Provider) Class.forName(JSSE_PROVIDER).getConstructor(String.class).newInstance("fips:" + module.getName());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new LaunchFailure("FIPS mode (VESTIBULE_FIPS): Bouncy Castle's JSSE provider cannot start: " + e);
        }
    }
}
