package io.vestibule.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.vestibule.crypto.Pkcs11Settings;

/**
 * SoftHSM2 tokens for tests, created once per test JVM in a fresh directory under target/.
 *
 * <p>SoftHSM2 reads its configuration file, named by {@code SOFTHSM2_CONF}, and lists its tokens when a process
 * first initializes it; tokens created later stay invisible to that process. So pom.xml gives the test JVM a
 * {@code SOFTHSM2_CONF} under target/, and the first call here writes that file, pointing at a new token
 * directory, and creates every token the tests use, before any test loads the library. Tests keep out of each
 * other's way by using their own alias prefix. Without SoftHSM2 the test is skipped loudly ({@link RequiredParts}).
 */
public final class SoftHsmToken {
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Pattern ASSIGNED_SLOT = Pattern.compile("reassigned to slot (\\d+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static SoftHsmToken primary;
    private static SoftHsmToken secondary;

    private final String label;
    private final long slot;
    private final char[] pin;

    private SoftHsmToken(String label, long slot, char[] pin) {
        this.label = label;
        this.slot = slot;
        this.pin = pin;
    }

    /** The token most tests use. */
    public static synchronized SoftHsmToken primary() {
        createTokens();
        return primary;
    }

    /** A second token in the same library, to show that a label picks its own token. */
    public static synchronized SoftHsmToken secondary() {
        createTokens();
        return secondary;
    }

    public String label() {
        return label;
    }

    public long slot() {
        return slot;
    }

    public char[] pin() {
        return pin.clone();
    }

    public Path library() {
        return LIBRARY;
    }

    /** Settings that name this token by its label. */
    public Pkcs11Settings settings(String aliasPrefix) {
        return new Pkcs11Settings(LIBRARY, new Pkcs11Settings.Labelled(label), pin, aliasPrefix);
    }

    /** Settings that name this token by its slot id. */
    public Pkcs11Settings settingsBySlot(String aliasPrefix) {
        return new Pkcs11Settings(LIBRARY, new Pkcs11Settings.InSlot(slot), pin, aliasPrefix);
    }

    private static void createTokens() {
        if (primary != null) {
            return;
        }
        RequiredParts.require(Files.isRegularFile(LIBRARY) && RequiredParts.executable("softhsm2-util").isPresent(),
                "SoftHSM2 (" + LIBRARY + " and softhsm2-util)", "Install the Debian package softhsm2 (apt-get install softhsm2).");
        String configured = System.getenv("SOFTHSM2_CONF");
        RequiredParts.require(configured != null, "SOFTHSM2_CONF in the test JVM's environment",
                "Run the tests through Maven: pom.xml's surefire configuration sets it.");
        Path conf = Path.of(configured).toAbsolutePath().normalize();
        if (!conf.toString().contains("/target/")) {
            throw new AssertionError("SOFTHSM2_CONF is " + conf + ", outside the build directory: not overwriting it");
        }
        try {
            Files.createDirectories(conf.getParent());
            Path tokens = Files.createTempDirectory(conf.getParent(), "tokens-");
            Files.writeString(conf, String.join("\n",
                    "directories.tokendir = " + tokens,
                    "objectstore.backend = file",
                    "log.level = ERROR",
                    "slots.removable = false",
                    ""), StandardCharsets.US_ASCII);
            primary = initToken(conf, "vestibule-test");
            secondary = initToken(conf, "vestibule-spare");
        } catch (IOException e) {
            throw new AssertionError("Cannot prepare the SoftHSM2 token directory beside " + conf, e);
        }
    }

    private static SoftHsmToken initToken(Path conf, String label) throws IOException {
        char[] pin = digits(8);
        ProcessBuilder builder = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", new String(pin), "--so-pin", new String(digits(12))).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = builder.start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("softhsm2-util --init-token did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while creating a SoftHSM2 token", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher slot = ASSIGNED_SLOT.matcher(output);
        if (process.exitValue() != 0 || !slot.find()) {
            throw new AssertionError("softhsm2-util --init-token failed (exit " + process.exitValue() + "): " + output);
        }
        return new SoftHsmToken(label, Long.parseLong(slot.group(1)), pin);
    }

    private static char[] digits(int count) {
        char[] digits = new char[count];
        IntStream.range(0, count).forEach(i -> digits[i] = (char) ('0' + RANDOM.nextInt(10)));
        return digits;
    }


    @Override
    public String toString() {
        return "SoftHsmToken[" + label + ", slot " + slot + "]";
    }
}
