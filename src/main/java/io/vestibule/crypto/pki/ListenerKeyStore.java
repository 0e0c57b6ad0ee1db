package io.vestibule.crypto.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.PrivateFiles;

/**
 * The key store of one run from which the HTTPS listeners present their identities: each listener's key and chain
 * under its alias ({@code vestibule} for the portal, {@code vestibule-admin} for the admin listener), under a random
 * password that exists only in this process.
 *
 * <p>It is also how an assignment reaches the listeners without a restart: the application rewrites the file (in one
 * step, so a reader sees the old content or the new) and the launcher's key managers notice and present what it now
 * holds. The file is the channel because the application and the launcher's TLS provider share nothing else that both
 * may rely on; the launcher names the file and its password in this process's system properties.
 */
public final class ListenerKeyStore {
    public static final String FILE_PROPERTY = "vestibule.internal.https-keystore-file";
    public static final String PASSWORD_PROPERTY = "vestibule.internal.https-keystore-password";
    /** Followed by a listener's name: the {@code host:port} at which this process reaches that listener itself. */
    public static final String OWN_ADDRESS_PROPERTY = "vestibule.internal.listener-address.";
    public static final String PORTAL_ALIAS = "vestibule";
    public static final String ADMIN_ALIAS = "vestibule-admin";

    /**
     * Writes made through this class in this process: a hint that lets the listeners look at the file at once rather
     * than at their next look, where the launcher and the application share this class (they do: it is in the boot
     * layer, which the application's class loader delegates to). The file stays what they present.
     */
    private static final AtomicLong WRITES = new AtomicLong();

    private final Path file;
    private final char[] password;
    private final CryptoPolicy policy;

    public ListenerKeyStore(Path file, char[] password, CryptoPolicy policy) {
        this.file = file;
        this.password = password.clone();
        this.policy = policy;
    }

    /** The key store the launcher published for this process, if it did (not in unit tests or a plain deployment). */
    public static Optional<ListenerKeyStore> ofThisProcess(CryptoPolicy policy) {
        String file = System.getProperty(FILE_PROPERTY);
        String password = System.getProperty(PASSWORD_PROPERTY);
        if (file == null || password == null) {
            return Optional.empty();
        }
        return Optional.of(new ListenerKeyStore(Path.of(file), password.toCharArray(), policy));
    }

    /** The alias under which the listener ({@code portal} or {@code admin}) finds its identity. */
    public static String alias(String listener) {
        return switch (listener) {
            case "portal" -> PORTAL_ALIAS;
            case "admin" -> ADMIN_ALIAS;
            default -> throw new IllegalArgumentException("No listener " + listener);
        };
    }

    /** How many times a listeners' key store was written through this class in this process. */
    public static long writes() {
        return WRITES.get();
    }

    public Path file() {
        return file;
    }

    /** Alias to identity, as the file holds them now. */
    public synchronized Map<String, TlsIdentity> read() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(policy.keyStoreType());
            store.load(new ByteArrayInputStream(Files.readAllBytes(file)), password);
            Map<String, TlsIdentity> identities = new LinkedHashMap<>();
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                    List<X509Certificate> certificates = new ArrayList<>();
                    for (Certificate certificate : chain) {
                        certificates.add((X509Certificate) certificate);
                    }
                    identities.put(alias, new TlsIdentity(privateKey, certificates));
                }
            }
            return identities;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the listeners' key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the file's content with these identities, alias to identity, in one step. */
    public synchronized void write(Map<String, TlsIdentity> identities) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(policy.keyStoreType());
            store.load(null, null);
            for (Map.Entry<String, TlsIdentity> entry : identities.entrySet()) {
                store.setKeyEntry(entry.getKey(), entry.getValue().privateKey(), password, entry.getValue().chain().toArray(new Certificate[0]));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            PrivateFiles.writeAtomically(file, bytes.toByteArray());
            WRITES.incrementAndGet();
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the listeners' key store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ListenerKeyStore[" + file + "]";
    }
}
