package io.vestibule.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import io.vestibule.crypto.pki.TlsIdentity;

/**
 * The root of Vestibule's key hierarchy: a PKCS#12 file holding the key-encryption keys ({@code kek-N-TAG}, see
 * {@link KeyEncryptionKeyAlias}) and the
 * private keys of the service's own TLS identities ({@code tls-NAME}), protected by the master passphrase.
 *
 * <p>Everything else that is secret at rest (PINs, join-token signing keys, records) is sealed under data keys,
 * which are stored wrapped by a key-encryption key; the newest KEK wraps new data keys, older ones stay to unwrap
 * what they wrapped. Changes are made on a copy that is used only once it is on disk (forced, with the previous
 * version kept as {@code master.p12.previous}), so neither a crash nor a failed write leaves a half-written store
 * or a key in use that the file does not hold.
 */
public final class MasterKeyStore implements KeyEncryptionKeys {
    private static final String KEK_PREFIX = "kek";
    private static final String TLS_PREFIX = "tls-";

    private final Path file;
    private final char[] passphrase;
    private final CryptoPolicy policy;
    /** Replaced, never changed in place: a change is made on a copy, which becomes the store once it is saved. */
    private KeyStore store;

    private MasterKeyStore(Path file, char[] passphrase, CryptoPolicy policy, KeyStore store) {
        this.file = file;
        this.passphrase = passphrase.clone();
        this.policy = policy;
        this.store = store;
    }

    /**
     * Opens the store, creating it with a first key-encryption key when the file does not exist yet (a first install:
     * the launcher refuses a data directory that ran before and has lost its store).
     *
     * @throws KeyStoreRefused when the passphrase does not open it
     */
    public static MasterKeyStore openOrCreate(Path file, MasterPassphrase passphrase, CryptoPolicy policy) {
        try {
            PrivateFiles.removeStaleTemporaries(file);
            PrivateFiles.removeStaleTemporaries(PrivateFiles.previousVersion(file));
            KeyStore store = KeyStore.getInstance(policy.keyStoreType());
            if (Files.exists(file)) {
                store.load(new ByteArrayInputStream(Files.readAllBytes(file)), passphrase.value());
            } else {
                store.load(null, null);
            }
            MasterKeyStore master = new MasterKeyStore(file, passphrase.value(), policy, store);
            if (master.kekAliases().isEmpty()) {
                master.rotateKeyEncryptionKey();
            }
            return master;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyStoreRefused("The master key store " + file + " does not open with its passphrase ("
                        + (passphrase.storedBesideKeys() ? "the file master.pass beside it" : "VESTIBULE_KEYSTORE_PASSWORD")
                        + "); set the passphrase it was made with; nothing was changed");
            }
            throw new IllegalStateException("Cannot read the master key store " + file + " (" + e.getMessage() + "); restore it from "
                    + "this installation's backup or from " + PrivateFiles.previousVersion(file).getFileName() + " beside it", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the master key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The newest key-encryption key: the one that wraps new data keys. */
    public synchronized KeyEncryptionKey currentKeyEncryptionKey() {
        List<KeyEncryptionKeyAlias> aliases = kekAliases();
        return keyEncryptionKey(aliases.get(aliases.size() - 1).toString());
    }

    public synchronized KeyEncryptionKey keyEncryptionKey(String alias) {
        try {
            if (KeyEncryptionKeyAlias.parse(KEK_PREFIX, alias).isEmpty() || !store.isKeyEntry(alias)) {
                throw new IllegalArgumentException("No key-encryption key " + alias + " in " + file);
            }
            return new KeyEncryptionKey(alias, (SecretKey) store.getKey(alias, passphrase), policy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read key-encryption key " + alias, e);
        }
    }

    /** Adds a new key-encryption key, which becomes current; the older ones remain for unwrapping. */
    public synchronized KeyEncryptionKey rotateKeyEncryptionKey() {
        List<KeyEncryptionKeyAlias> aliases = kekAliases();
        SecureRandom random = policy.newSecureRandom();
        String alias = KeyEncryptionKeyAlias.next(KEK_PREFIX, aliases.stream().reduce((older, newer) -> newer), random).toString();
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(policy.aeadKeyBits(), random);
            KeyStore changed = copy();
            changed.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), protection());
            save(changed);
            return keyEncryptionKey(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create key-encryption key " + alias, e);
        }
    }

    @Override
    public KeyEncryptionKey current() {
        return currentKeyEncryptionKey();
    }

    @Override
    public KeyEncryptionKey byAlias(String alias) {
        try {
            return keyEncryptionKey(alias);
        } catch (IllegalArgumentException unknown) {
            throw new Aead.SealBroken(unknown.getMessage());
        }
    }

    @Override
    public KeyEncryptionKey rotate() {
        return rotateKeyEncryptionKey();
    }

    @Override
    public String describe() {
        return "PKCS#12 key store " + file;
    }

    public synchronized Optional<TlsIdentity> tlsIdentity(String name) {
        String alias = TLS_PREFIX + name;
        try {
            if (!store.isKeyEntry(alias)) {
                return Optional.empty();
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, passphrase);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return Optional.of(new TlsIdentity(key, chain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read TLS identity " + name, e);
        }
    }

    public synchronized void storeTlsIdentity(String name, TlsIdentity identity) {
        try {
            KeyStore changed = copy();
            changed.setEntry(TLS_PREFIX + name,
                    new KeyStore.PrivateKeyEntry(identity.privateKey(), identity.chain().toArray(new Certificate[0])),
                    protection());
            save(changed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot store TLS identity " + name, e);
        }
    }

    /** The names of the TLS identities kept, without their alias prefix. */
    public synchronized List<String> tlsIdentityNames() {
        try {
            return Collections.list(store.aliases()).stream().filter(alias -> alias.startsWith(TLS_PREFIX))
                    .map(alias -> alias.substring(TLS_PREFIX.length())).sorted().toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot list the master key store", e);
        }
    }

    public synchronized void deleteTlsIdentity(String name) {
        try {
            KeyStore changed = copy();
            if (changed.containsAlias(TLS_PREFIX + name)) {
                changed.deleteEntry(TLS_PREFIX + name);
                save(changed);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot delete TLS identity " + name, e);
        }
    }

    /** The key-encryption keys' names, oldest first. */
    private List<KeyEncryptionKeyAlias> kekAliases() {
        try {
            List<KeyEncryptionKeyAlias> aliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                KeyEncryptionKeyAlias.parse(KEK_PREFIX, alias).ifPresent(aliases::add);
            }
            Collections.sort(aliases);
            return aliases;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot list the master key store", e);
        }
    }

    private KeyStore.PasswordProtection protection() {
        return new KeyStore.PasswordProtection(passphrase);
    }

    private KeyStore copy() throws GeneralSecurityException {
        try {
            KeyStore copy = KeyStore.getInstance(policy.keyStoreType());
            copy.load(new ByteArrayInputStream(serialized(store)), passphrase);
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot copy the master key store in memory", e);
        }
    }

    /** Writes the changed store; only once it is on disk does it replace the one in use. */
    private void save(KeyStore changed) {
        try {
            PrivateFiles.replaceKeepingPrevious(file, serialized(changed));
            store = changed;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the master key store " + file + " (" + e.getMessage() + "); the store in use "
                    + "and on disk is unchanged", e);
        }
    }

    private byte[] serialized(KeyStore keyStore) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        keyStore.store(bytes, passphrase);
        return bytes.toByteArray();
    }

    /** Overwrites the passphrase held in memory; the store cannot be used afterwards. */
    public synchronized void close() {
        Arrays.fill(passphrase, '\0');
    }
}
