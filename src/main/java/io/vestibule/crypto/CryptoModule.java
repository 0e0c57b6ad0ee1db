package io.vestibule.crypto;

import java.lang.reflect.InvocationTargetException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Optional;

/**
 * Which Bouncy Castle this build carries, and its installation as a JCA provider.
 *
 * <p>The standard build carries {@code bcprov}; the FIPS build ({@code vestibule-fips.jar}) carries the Bouncy Castle
 * FIPS module ({@code bc-fips}) instead, whose classes share bcprov's package names: one class path can hold only one
 * of them, so the build, not a setting read at run time, decides. Both are reached by class name here so that the
 * same compiled classes run on either.
 *
 * <p>In the FIPS build the module is put first among the JVM's providers, in approved-only mode, so every
 * algorithm the service asks for without naming a provider comes from it, and an unapproved one fails instead of
 * falling back silently.
 */
public final class CryptoModule {
    /** The FIPS module's own switch; read once, when its registrar class is first loaded. */
    static final String APPROVED_ONLY_PROPERTY = "org.bouncycastle.fips.approved_only";
    private static final String FIPS_PROVIDER = "org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider";
    private static final String FIPS_STATUS = "org.bouncycastle.crypto.fips.FipsStatus";
    private static final String STANDARD_PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";
    private static final String FIPS_NAME = "BCFIPS";
    private static final String STANDARD_NAME = "BC";
    private static final boolean FIPS = present(FIPS_PROVIDER);

    private CryptoModule() {
    }

    /** Whether this is the FIPS build: the Bouncy Castle FIPS module is on the class path, and bcprov is not. */
    public static boolean fips() {
        return FIPS;
    }

    /** The name of the Bouncy Castle provider this build installs: {@code BCFIPS} or {@code BC}. */
    public static String providerName() {
        return FIPS ? FIPS_NAME : STANDARD_NAME;
    }

    /**
     * The Bouncy Castle provider, installed on first use: the FIPS module first in the list and approved-only;
     * bcprov last, so that JSSE and the JDK keep their defaults.
     *
     * @throws FipsModuleUnavailable in the FIPS build, when the module's power-up self-tests failed
     */
    public static synchronized Provider provider() {
        Provider installed = Security.getProvider(providerName());
        if (installed != null) {
            return installed;
        }
        if (!FIPS) {
            Provider provider = instantiate(STANDARD_PROVIDER);
            Security.addProvider(provider);
            return provider;
        }
        System.setProperty(APPROVED_ONLY_PROPERTY, "true");
        Provider provider = instantiate(FIPS_PROVIDER);
        if (!moduleReady()) {
            throw new FipsModuleUnavailable("the Bouncy Castle FIPS module failed its power-up self-tests: " + moduleStatus());
        }
        Security.insertProviderAt(provider, 1);
        return provider;
    }

    /**
     * A new random generator of the module: in the FIPS build the module's own default SP 800-90A DRBG,
     * which an approved-only module requires; otherwise nothing, and the JDK's DRBG serves.
     */
    static Optional<SecureRandom> fipsRandom() {
        if (!FIPS) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecureRandom.getInstance("DEFAULT", provider()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The FIPS module offers no DEFAULT random generator", e);
        }
    }

    /** The module's name and version as its provider gives them, for the crypto-policy report. */
    public static String describe() {
        Provider provider = provider();
        return provider.getName() + " " + provider.getVersionStr() + (FIPS ? " (FIPS 140-3 module, approved-only mode)" : "");
    }

    private static boolean moduleReady() {
        try {
            return (Boolean) Class.forName(FIPS_STATUS).getMethod("isReady").invoke(null);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static String moduleStatus() {
        try {
            return String.valueOf(Class.forName(FIPS_STATUS).getMethod("getStatusMessage").invoke(null));
        } catch (ReflectiveOperationException e) {
            return "status unreadable";
        }
    }

    private static Provider instantiate(String className) {
        try {
            return (Provider) Class.forName(className).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new FipsModuleUnavailable("the provider " + className + " could not start: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The provider " + className + " is missing from this build", e);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, CryptoModule.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The FIPS module cannot serve: the service must not start. */
    public static final class FipsModuleUnavailable extends IllegalStateException {
        FipsModuleUnavailable(String message) {
            super(message);
        }
    }
}
