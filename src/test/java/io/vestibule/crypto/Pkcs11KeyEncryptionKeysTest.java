package io.vestibule.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.testing.SoftHsmToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The key-encryption key contract, and what only a token adds, against a real SoftHSM2 token. All tests share
 * the token of this JVM ({@link SoftHsmToken}); each uses an alias prefix of its own, so each starts empty.
 */
class Pkcs11KeyEncryptionKeysTest extends KeyEncryptionKeysContract {
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final String WRONG_PIN = "00000000";

    private final List<Pkcs11KeyEncryptionKeys> opened = new ArrayList<>();
    private SoftHsmToken token;
    private String prefix;

    @TempDir
    Path directory;

    @BeforeEach
    void token() {
        token = SoftHsmToken.primary();
        prefix = "case" + CASES.incrementAndGet();
    }

    // The token's login belongs to the JVM, not to an instance: close every instance, or a later wrong PIN
    // would meet a token that is still logged in.
    @AfterEach
    void closeAll() {
        opened.forEach(Pkcs11KeyEncryptionKeys::close);
        opened.clear();
    }

    private Pkcs11KeyEncryptionKeys open(Pkcs11Settings settings) {
        Pkcs11KeyEncryptionKeys keys = Pkcs11KeyEncryptionKeys.open(settings, policy, random);
        opened.add(keys);
        return keys;
    }

    @Override
    protected KeyEncryptionKeys open() {
        return open(token.settings(prefix));
    }

    @Override
    protected KeyEncryptionKeys reopen() {
        closeAll();
        return open();
    }

    @Override
    protected void openWithWrongSecret() {
        closeAll();
        open(new Pkcs11Settings(token.library(), new Pkcs11Settings.Labelled(token.label()), WRONG_PIN.toCharArray(), prefix));
    }

    @Override
    protected String secretSetting() {
        return Pkcs11Settings.PIN_SETTING;
    }

    @Override
    protected String[] secrets() {
        return new String[] {new String(token.pin()), WRONG_PIN};
    }

    @Override
    protected String aliasPrefix() {
        return prefix;
    }

    @Test
    void theTokenNeverReleasesTheValueOfAKey() throws Exception {
        String alias = open().current().alias();

        // Another provider, without Vestibule's attributes, asks the token for the stored key.
        AuthProvider plain = (AuthProvider) Security.getProvider("SunPKCS11")
                .configure("--name = plain\nlibrary = " + token.library() + "\nslot = " + token.slot() + "\n");
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", plain);
            store.load(null, token.pin());
            SecretKey stored = (SecretKey) store.getKey(alias, null);
            assertThat(stored.toString()).as("the token's own attributes").contains("token object, sensitive, unextractable");
            assertThat(stored.getFormat()).isNull();
            assertThat(stored.getEncoded()).isNull();
            assertThatExceptionOfType(InvalidKeySpecException.class)
                    .isThrownBy(() -> SecretKeyFactory.getInstance("AES", plain).getKeySpec(stored, SecretKeySpec.class));
        } finally {
            plain.logout();
        }
    }

    @Test
    void aWrappedKeyIsNonceCiphertextAndTag() throws Exception {
        byte[] wrapped = open().current().wrap(dataKey());
        assertThat(wrapped).hasSize(policy.aeadNonceBytes() + policy.aeadKeyBits() / 8 + policy.aeadTagBits() / 8);
        assertThat(open().current().wrap(dataKey())).as("a fresh nonce each time").isNotEqualTo(wrapped);
    }

    @Test
    void keysSurviveTheProcess() throws Exception {
        KeyEncryptionKeys keys = open();
        SecretKey dataKey = dataKey();
        keys.current();
        KeyEncryptionKey second = keys.rotate();
        byte[] wrapped = second.wrap(dataKey);
        closeAll();

        String output = inAnotherJvm(second.alias(), wrapped);
        assertThat(output).contains("current=" + second.alias())
                .contains("unwrapped=" + HexFormat.of().formatHex(dataKey.getEncoded()));
    }

    @Test
    void aLabelPicksItsOwnToken() {
        Pkcs11KeyEncryptionKeys spare = open(SoftHsmToken.secondary().settings(prefix));
        String spareFirst = spare.current().alias();
        String spareSecond = spare.rotate().alias();
        closeAll();

        KeyEncryptionKeys primary = open();
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> primary.byAlias(spareSecond));
        KeyEncryptionKey first = primary.current();
        assertVersion(first, 1);
        assertThat(first.alias()).as("another token's first key has another name").isNotEqualTo(spareFirst);
    }

    @Test
    void aSlotIdNamesTheSameToken() throws Exception {
        SecretKey dataKey = dataKey();
        KeyEncryptionKey first = open().current();
        byte[] wrapped = first.wrap(dataKey);
        closeAll();

        Pkcs11KeyEncryptionKeys bySlot = open(token.settingsBySlot(prefix));
        assertThat(bySlot.byAlias(first.alias()).unwrap(wrapped, "AES").getEncoded()).isEqualTo(dataKey.getEncoded());
        assertThat(bySlot.describe()).isEqualTo("PKCS#11 token in slot " + token.slot() + " (" + token.library() + ")");
    }

    @Test
    void theDescriptionNamesTokenAndLibrary() {
        assertThat(open().describe()).isEqualTo("PKCS#11 token " + token.label() + " (" + token.library() + ")");
    }

    @Test
    void aMissingLibraryIsNamed() {
        Path missing = directory.resolve("libmissing.so");
        assertThatIllegalStateException()
                .isThrownBy(() -> open(new Pkcs11Settings(missing, new Pkcs11Settings.Labelled(token.label()), token.pin(), prefix)))
                .withMessageContaining(Pkcs11Settings.LIBRARY_SETTING)
                .withMessageContaining(missing.toString());
    }

    @Test
    void aFileThatIsNoPkcs11LibraryIsNamed() throws Exception {
        Path notALibrary = Files.writeString(directory.resolve("libnothing.so"), "not a shared object");
        assertThatIllegalStateException()
                .isThrownBy(() -> open(new Pkcs11Settings(notALibrary, new Pkcs11Settings.Labelled(token.label()), token.pin(), prefix)))
                .withMessageContaining(Pkcs11Settings.LIBRARY_SETTING);
    }

    @Test
    void anUnknownLabelIsNamedWithTheLabelsThereAre() {
        assertThatIllegalStateException()
                .isThrownBy(() -> open(new Pkcs11Settings(token.library(), new Pkcs11Settings.Labelled("no-such-token"), token.pin(), prefix)))
                .withMessageContaining(Pkcs11Settings.TOKEN_LABEL_SETTING)
                .withMessageContaining("no-such-token")
                .withMessageContaining(token.label())
                .withMessageNotContaining(new String(token.pin()));
    }

    @Test
    void anUnknownSlotIsNamed() {
        long unused = token.slot() == 4242 ? 4243 : 4242;
        assertThatIllegalStateException()
                .isThrownBy(() -> open(new Pkcs11Settings(token.library(), new Pkcs11Settings.InSlot(unused), token.pin(), prefix)))
                .withMessageContaining(Pkcs11Settings.SLOT_SETTING)
                .withMessageContaining(String.valueOf(unused))
                .withMessageNotContaining(new String(token.pin()));
    }

    @Test
    void aClosedStoreRefusesToWork() {
        Pkcs11KeyEncryptionKeys keys = open(token.settings(prefix));
        keys.current();
        keys.close();
        keys.close();
        assertThatIllegalStateException().isThrownBy(keys::current).withMessageContaining("closed");
    }

    /** Opens the token in a new JVM, as after a restart, and unwraps there. */
    private String inAnotherJvm(String alias, byte[] wrapped) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                TokenKeysInAnotherProcess.class.getName(),
                token.library().toString(), token.label(), prefix, alias, HexFormat.of().formatHex(wrapped))
                .redirectErrorStream(true);
        builder.environment().put(TokenKeysInAnotherProcess.PIN_VARIABLE, new String(token.pin()));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The other JVM did not finish in 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
