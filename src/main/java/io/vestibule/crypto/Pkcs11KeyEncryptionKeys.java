package io.vestibule.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * Key-encryption keys held by a PKCS#11 token (an HSM, or SoftHSM2), through the JDK's SunPKCS11 provider. Keys
 * are generated on the token as AES-256 keys that are sensitive and not extractable, so the token never releases
 * their value: it wraps and unwraps data keys itself. Each is a token object labelled {@code <prefix>-<version>}.
 *
 * <p>PKCS#11 logs in an application, not a provider: every instance open on the same token in one JVM shares
 * the login, so a second one is let in without the token checking its PIN, and {@link #close()} logs all of
 * them out. Open one per token.
 */
public final class Pkcs11KeyEncryptionKeys implements KeyEncryptionKeys, AutoCloseable {
    private static final String KEY_ALGORITHM = "AES";

    private final AuthProvider provider;
    private final KeyStore token;
    private final CryptoPolicy policy;
    private final SecureRandom random;
    private final String aliasPrefix;
    private final String description;
    private boolean closed;

    private Pkcs11KeyEncryptionKeys(AuthProvider provider, KeyStore token, CryptoPolicy policy, SecureRandom random,
            String aliasPrefix, String description) {
        this.provider = provider;
        this.token = token;
        this.policy = policy;
        this.random = random;
        this.aliasPrefix = aliasPrefix;
        this.description = description;
    }

    /**
     * Loads the library, logs in to the token with the PIN and finds its keys. Every failure is an
     * {@link IllegalStateException} that names the setting to fix and never contains the PIN.
     */
    public static Pkcs11KeyEncryptionKeys open(Pkcs11Settings settings, CryptoPolicy policy, SecureRandom random) {
        Path library = settings.library();
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("The PKCS#11 library " + library + " (" + Pkcs11Settings.LIBRARY_SETTING
                    + ") does not exist");
        }
        String description;
        long slot;
        if (settings.token() instanceof Pkcs11Settings.Labelled labelled) {
            description = "PKCS#11 token " + labelled.label() + " (" + library + ")";
            slot = Pkcs11Slots.slotOf(library, labelled.label());
        } else {
            long id = ((Pkcs11Settings.InSlot) settings.token()).slot();
            description = "PKCS#11 token in slot " + id + " (" + library + ")";
            slot = id;
        }
        AuthProvider provider = provider(library, slot, settings.token());
        char[] pin = settings.pin();
        try {
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, pin);
            return new Pkcs11KeyEncryptionKeys(provider, token, policy, random, settings.aliasPrefix(), description);
        } catch (IOException e) {
            throw loginRefused(description, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the keys of " + description + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * A SunPKCS11 provider for one slot. Keys it generates are session objects that are sensitive and not
     * extractable, with no use but encryption; {@link #rotate()} copies each to a token object with its label.
     * The PIN is not part of the configuration.
     */
    private static AuthProvider provider(Path library, long slot, Pkcs11Settings.Token chosen) {
        String configuration = String.join("\n",
                "name = vestibule-kek",
                "library = \"" + library + "\"",
                "slot = " + slot,
                "destroyTokenAfterLogout = true",
                "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {",
                "  CKA_TOKEN = false",
                "  CKA_SENSITIVE = true",
                "  CKA_EXTRACTABLE = false",
                "  CKA_ENCRYPT = true",
                "  CKA_DECRYPT = true",
                "  CKA_WRAP = false",
                "  CKA_UNWRAP = false",
                "  CKA_SIGN = false",
                "  CKA_VERIFY = false",
                "}",
                "");
        try {
            return (AuthProvider) Security.getProvider("SunPKCS11").configure("--" + configuration);
        } catch (ProviderException | IllegalArgumentException e) {
            String setting = chosen instanceof Pkcs11Settings.InSlot ? Pkcs11Settings.SLOT_SETTING : Pkcs11Settings.TOKEN_LABEL_SETTING;
            throw new IllegalStateException("Cannot use the token in slot " + slot + " of " + library + " (" + setting
                    + ", " + Pkcs11Settings.LIBRARY_SETTING + "): " + rootCause(e).getMessage(), e);
        }
    }

    private static IllegalStateException loginRefused(String description, IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FailedLoginException) {
                return new IllegalStateException(description + " refused the PIN (" + Pkcs11Settings.PIN_SETTING + ")");
            }
            if (cause instanceof LoginException) {
                return new IllegalStateException(description + " refused the login with the PIN ("
                        + Pkcs11Settings.PIN_SETTING + "): " + rootCause(cause).getMessage());
            }
        }
        return new IllegalStateException("Cannot log in to " + description + ": " + rootCause(e).getMessage(), e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** The newest key: the one that wraps new data keys. The first call on a token without keys creates version 1. */
    @Override
    public synchronized KeyEncryptionKey current() {
        List<KeyEncryptionKeyAlias> aliases = aliases();
        if (aliases.isEmpty()) {
            return rotate();
        }
        return keyEncryptionKey(aliases.get(aliases.size() - 1).toString());
    }

    /** The key of this alias; {@link Aead.SealBroken} when the token has none. */
    @Override
    public synchronized KeyEncryptionKey byAlias(String alias) {
        requireOpen();
        try {
            boolean named = KeyEncryptionKeyAlias.parse(aliasPrefix, alias).isPresent();
            if (named && !token.isKeyEntry(alias)) {
                refresh();
            }
            if (!named || !token.isKeyEntry(alias)) {
                throw new Aead.SealBroken("No key-encryption key " + alias + " on " + description);
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("Cannot read the keys of " + description, e);
        }
        return keyEncryptionKey(alias);
    }

    /**
     * Generates a new key on the token and stores it as the next version, which becomes current. Instances in
     * other JVMs sharing the token are not locked out: rotate on one at a time.
     */
    @Override
    public synchronized KeyEncryptionKey rotate() {
        List<KeyEncryptionKeyAlias> aliases = aliases();
        String alias = KeyEncryptionKeyAlias.next(aliasPrefix, aliases.stream().reduce((older, newer) -> newer), random).toString();
        try {
            KeyGenerator generator = KeyGenerator.getInstance(KEY_ALGORITHM, provider);
            generator.init(policy.aeadKeyBits());
            token.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("Cannot create key-encryption key " + alias + " on " + description, e);
        }
        try {
            return keyEncryptionKey(alias);
        } catch (IllegalStateException refused) {
            // A token that ignored the attributes keeps no key it would release, lest it become current.
            deleteQuietly(alias, refused);
            throw refused;
        }
    }

    private void deleteQuietly(String alias, IllegalStateException refused) {
        try {
            token.deleteEntry(alias);
        } catch (KeyStoreException e) {
            refused.addSuppressed(e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** Logs out of the token and releases its sessions; the keys stay on the token. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            provider.logout();
        } catch (LoginException e) {
            throw new IllegalStateException("Could not log out of " + description, e);
        }
    }

    private KeyEncryptionKey keyEncryptionKey(String alias) {
        requireOpen();
        try {
            SecretKey key = (SecretKey) token.getKey(alias, null);
            // The token reports the key's attributes: a key whose value it would release is not used.
            if (key.getEncoded() != null) {
                throw new IllegalStateException("Key-encryption key " + alias + " on " + description
                        + " can be extracted from the token; it must be sensitive and not extractable");
            }
            return new KeyEncryptionKey(alias, key, policy, provider, random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read key-encryption key " + alias + " on " + description, e);
        }
    }

    /**
     * The keys' names under this prefix on the token, oldest first, read afresh: another instance sharing the token
     * may have rotated.
     */
    private List<KeyEncryptionKeyAlias> aliases() {
        requireOpen();
        try {
            refresh();
            List<KeyEncryptionKeyAlias> aliases = new ArrayList<>();
            for (String alias : Collections.list(token.aliases())) {
                if (token.isKeyEntry(alias)) {
                    KeyEncryptionKeyAlias.parse(aliasPrefix, alias).ifPresent(aliases::add);
                }
            }
            Collections.sort(aliases);
            return aliases;
        } catch (KeyStoreException e) {
            throw new IllegalStateException("Cannot list the keys of " + description, e);
        }
    }

    /** Re-reads the token's labels; the login is kept, so no PIN is needed. */
    private void refresh() {
        try {
            token.load(null, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the keys of " + description + ": " + rootCause(e).getMessage(), e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Pkcs11KeyEncryptionKeys[" + description + "]";
    }
}
