package io.vestibule.crypto.pki;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;

/**
 * Self-signed identities of the service's own endpoints, kept in the master key store so they survive restarts,
 * and replaced when they near expiry or stop naming every host they must answer to.
 */
public final class SelfSignedIdentities {
    private final MasterKeyStore store;
    private final CryptoPolicy policy;
    private final SecureRandom random;

    public SelfSignedIdentities(MasterKeyStore store, CryptoPolicy policy, SecureRandom random) {
        this.store = store;
        this.policy = policy;
        this.random = random;
    }

    /** The kept identity called {@code name}, or a newly issued one whose first host is its common name. */
    public TlsIdentity keptOrIssued(String name, Collection<String> hosts, Instant now) {
        Optional<TlsIdentity> kept = store.tlsIdentity(name);
        if (kept.isPresent() && !kept.get().expiresWithin(policy.certificateRenewalMargin(), now) && kept.get().covers(hosts)) {
            return kept.get();
        }
        TlsIdentity issued = new SelfSignedCertificateIssuer(policy, random).issue(hosts.iterator().next(), hosts, now);
        store.storeTlsIdentity(name, issued);
        return issued;
    }
}
