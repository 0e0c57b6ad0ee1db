package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.PrivateFiles;
import io.vestibule.crypto.pki.ListenerKeyStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.SelfSignedIdentities;
import io.vestibule.crypto.pki.ServerCertificates;
import io.vestibule.crypto.pki.TlsIdentity;

/**
 * Chooses the identity each HTTPS listener presents (the portal's and the admin console's) and hands them to Payara.
 *
 * <p>An administrator's certificate and key (PEM files) win, for both listeners; then the certificate an
 * administrator assigned to the listener in the console ({@link ServerCertificates}), while the policy still accepts
 * it and it has not expired; otherwise a self-signed ECDSA P-256 certificate is
 * issued once, kept in the master key store, and replaced when it nears expiry or no longer names every host the
 * service answers to. Payara reads the identity from a key store written for this run only, under a random
 * password that exists nowhere but in this process, so the copy on disk is useless after the process ends.
 */
final class ListenerIdentityProvisioner {
    static final String KEY_ALIAS = ListenerKeyStore.PORTAL_ALIAS;
    static final String ADMIN_KEY_ALIAS = ListenerKeyStore.ADMIN_ALIAS;

    private final CryptoPolicy policy;
    private final SecureRandom random;
    private final Clock clock;

    ListenerIdentityProvisioner(CryptoPolicy policy, SecureRandom random, Clock clock) {
        this.policy = policy;
        this.random = random;
        this.clock = clock;
    }

    /**
     * The identity for one listener ({@code portal} or {@code admin}): configured files, else the certificate assigned
     * to it, else the self-signed one called {@code name}.
     */
    TlsIdentity identity(String listener, String name, Optional<ConfiguredCertificate> configured, MasterKeyStore master,
                         Collection<String> hosts) {
        Instant now = clock.instant();
        if (configured.isPresent()) {
            TlsIdentity identity = configured.get().read();
            try {
                identity.requireUsable(policy, now);
            } catch (CryptoPolicyViolation e) {
                throw new LaunchFailure("The configured TLS certificate cannot be used: " + e.getMessage());
            }
            return identity;
        }
        Optional<TlsIdentity> assigned = master.tlsIdentity(ServerCertificates.assignedIdentityName(listener));
        if (assigned.isPresent()) {
            try {
                assigned.get().requireUsable(policy, now);
                return assigned.get();
            } catch (CryptoPolicyViolation e) {
                // Serving on the self-signed certificate beats not serving: the console is where to assign another.
                System.err.println("WARNING: the certificate assigned to the " + listener + " listener cannot be used ("
                        + e.getMessage() + "); it presents the self-signed certificate until another is assigned.");
            }
        }
        return new SelfSignedIdentities(master, policy, random).keptOrIssued(name, hosts, now);
    }

    /**
     * Writes the per-run key store Payara's listeners read (the portal's identity and the admin listener's, each under
     * its alias), and the portal's public certificate for clients to trust.
     */
    RuntimeKeyStore publish(TlsIdentity identity, TlsIdentity adminIdentity, Path keyStoreFile, Path certificateFile) {
        char[] password = RuntimePasswords.generate(random);
        try {
            new ListenerKeyStore(keyStoreFile, password, policy).write(Map.of(KEY_ALIAS, identity, ADMIN_KEY_ALIAS, adminIdentity));
            PrivateFiles.writeAtomically(certificateFile, PemFiles.toPem(identity.chain()).getBytes(StandardCharsets.US_ASCII));
            return new RuntimeKeyStore(keyStoreFile, new String(password), certificateFile);
        } catch (IOException e) {
            throw new LaunchFailure("Cannot write the TLS key store " + keyStoreFile + ": " + e.getMessage(), e);
        }
    }

    /** An administrator's certificate chain and private key in PEM files. */
    record ConfiguredCertificate(Path certificateFile, Path keyFile, char[] keyPassphrase) {
        TlsIdentity read() {
            try {
                return new TlsIdentity(PemFiles.readPrivateKey(keyFile, keyPassphrase), PemFiles.readCertificates(certificateFile));
            } catch (IOException e) {
                throw new LaunchFailure("Cannot read the configured TLS certificate: " + e.getMessage(), e);
            }
        }
    }

    /** The key store of one run; its password is handed to Payara through a system property reference. */
    record RuntimeKeyStore(Path file, String password, Path certificateFile) {
        @Override
        public String toString() {
            return "RuntimeKeyStore[" + file + "]";
        }
    }
}
