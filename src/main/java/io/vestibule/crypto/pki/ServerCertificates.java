package io.vestibule.crypto.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.crypto.MasterKeyStore;

/**
 * The service's own server certificates (R-TLS-4): certificate signing requests whose private keys never leave the
 * master key store, certificates installed for them or uploaded with their keys, and their assignment to the portal
 * and admin listeners.
 *
 * <p>Everything lives in the master key store, which the launcher opens before the listeners exist: a pending
 * request as {@code tls-csr-ID} (its key, with a placeholder certificate carrying the request's subject and
 * extensions, from which the request is signed again when downloaded), an installed certificate as
 * {@code tls-cert-ID}, and a listener's assignment as a copy {@code tls-assigned-LISTENER} that the launcher reads at
 * each start. A running service also presents an assignment at once ({@link ListenerSwitch}), and keeps the old
 * certificate, and the old assignment, when the listener does not present the new one.
 */
public final class ServerCertificates {
    public static final List<String> LISTENERS = List.of("portal", "admin");
    /** Microsoft's certificate template name extension (szOID_ENROLL_CERTTYPE_EXTENSION), a BMPString. */
    static final ASN1ObjectIdentifier MS_TEMPLATE_NAME = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2");
    private static final String REQUEST = "csr-";
    private static final String INSTALLED = "cert-";
    private static final String ASSIGNED = "assigned-";
    /** The launcher's self-signed identity, which a listener presents when nothing is assigned to it. */
    public static final String SELF_SIGNED = "https";

    private final MasterKeyStore store;
    private final CryptoPolicy policy;
    private final SecureRandom random;
    private final Clock clock;
    private final Optional<ListenerSwitch> running;

    /** Assignments for the next start only: no listener of this process to switch (tools, tests). */
    public ServerCertificates(MasterKeyStore store, CryptoPolicy policy, SecureRandom random, Clock clock) {
        this(store, policy, random, clock, Optional.empty());
    }

    /** With {@code running}, an assignment is also presented at once by this process's listeners. */
    public ServerCertificates(MasterKeyStore store, CryptoPolicy policy, SecureRandom random, Clock clock, Optional<ListenerSwitch> running) {
        this.store = store;
        this.policy = policy;
        this.random = random;
        this.clock = clock;
        this.running = running;
    }

    /** True when an assignment reaches the listeners at once, not only at the next start. */
    public boolean appliesNow() {
        return running.isPresent();
    }

    /** The name of the identity a listener is assigned, as {@link MasterKeyStore#tlsIdentity} reads it. */
    public static String assignedIdentityName(String listener) {
        return ASSIGNED + listener;
    }

    public CertificateRequest createRequest(CertificateRequestSpec spec) {
        KeyPair pair = spec.keyType().generate(random);
        Extensions extensions = requestedExtensions(spec);
        String id = newId();
        Instant now = clock.instant();
        X509Certificate placeholder = selfSigned(spec.subject(), pair, extensions, now);
        store.storeTlsIdentity(REQUEST + id, new TlsIdentity(pair.getPrivate(), List.of(placeholder)));
        return request(id, placeholder);
    }

    public List<CertificateRequest> requests() {
        List<CertificateRequest> requests = new ArrayList<>();
        for (String name : store.tlsIdentityNames()) {
            if (name.startsWith(REQUEST)) {
                store.tlsIdentity(name).ifPresent(identity -> requests.add(request(name.substring(REQUEST.length()), identity.leaf())));
            }
        }
        return requests;
    }

    /** The request in PEM, signed with its key (SHA-256 for P-256 and RSA-3072, SHA-384 for P-384 and RSA-4096). */
    public String requestPem(String id) {
        TlsIdentity pending = pending(id);
        X509Certificate placeholder = pending.leaf();
        try {
            X509CertificateHolder holder = new X509CertificateHolder(placeholder.getEncoded());
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(holder.getSubject(), placeholder.getPublicKey());
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, holder.getExtensions());
            PKCS10CertificationRequest csr = builder.build(signer(pending.privateKey(), placeholder.getPublicKey(), true));
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(csr);
            }
            return text.toString();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encode the certificate signing request " + id, e);
        }
    }

    public void deleteRequest(String id) {
        pending(id);
        store.deleteTlsIdentity(REQUEST + validId(id));
    }

    /**
     * Installs the certificate a CA signed for a pending request, with its chain and any CA certificates the
     * administrator adds; the request is then done and removed.
     */
    public InstalledCertificate installSigned(String requestId, String chainPem, String caPem) {
        TlsIdentity pending = pending(requestId);
        List<X509Certificate> uploaded = CertificateUploads.certificates(chainPem);
        if (uploaded.isEmpty()) {
            throw new CertificateRefusal("unreadable", "No certificate was uploaded");
        }
        List<X509Certificate> offered = new ArrayList<>(uploaded);
        offered.addAll(CertificateUploads.certificates(caPem));
        X509Certificate leaf = leafFor(pending, uploaded);
        InstalledCertificate installed = install(new TlsIdentity(pending.privateKey(), chainFrom(leaf, offered)));
        store.deleteTlsIdentity(REQUEST + validId(requestId));
        return installed;
    }

    /** Installs a certificate chain uploaded with its private key in PEM (PKCS#8, encrypted or not). */
    public InstalledCertificate installWithKey(String chainPem, String keyPem, char[] passphrase) {
        List<X509Certificate> uploaded = CertificateUploads.certificates(chainPem);
        if (uploaded.isEmpty()) {
            throw new CertificateRefusal("unreadable", "No certificate was uploaded");
        }
        TlsIdentity identity = new TlsIdentity(CertificateUploads.privateKey(keyPem, passphrase), uploaded);
        return install(new TlsIdentity(identity.privateKey(), chainFrom(leafFor(identity, uploaded), uploaded)));
    }

    /** Installs the key and chain of a PKCS#12 file. */
    public InstalledCertificate installPkcs12(byte[] file, char[] passphrase) {
        TlsIdentity identity = CertificateUploads.pkcs12(file, passphrase);
        return install(new TlsIdentity(identity.privateKey(), chainFrom(leafFor(identity, identity.chain()), identity.chain())));
    }

    public List<InstalledCertificate> installed() {
        Map<String, String> assigned = assignedFingerprints();
        List<InstalledCertificate> certificates = new ArrayList<>();
        for (String name : store.tlsIdentityNames()) {
            if (name.startsWith(INSTALLED)) {
                store.tlsIdentity(name).ifPresent(identity -> certificates.add(describe(name.substring(INSTALLED.length()), identity, assigned)));
            }
        }
        return certificates;
    }

    public InstalledCertificate delete(String id) {
        InstalledCertificate certificate = installedCertificate(id);
        if (!certificate.usedBy().isEmpty()) {
            throw new CertificateRefusal("in_use", "The certificate is assigned to the " + String.join(" and ", certificate.usedBy())
                    + " listener; assign another one first");
        }
        store.deleteTlsIdentity(INSTALLED + id);
        return certificate;
    }

    /**
     * Assigns installed certificates to listeners (listener name to certificate id): presented at once when the
     * listeners run here, and by the launcher from each start. When a listener does not present its new certificate,
     * nothing changes ({@code not_served}).
     */
    public synchronized Map<String, InstalledCertificate> assign(Map<String, String> certificateByListener) {
        Map<String, TlsIdentity> chosen = new java.util.LinkedHashMap<>();
        certificateByListener.forEach((listener, id) -> {
            if (!LISTENERS.contains(listener)) {
                throw new IllegalArgumentException("No listener " + listener);
            }
            TlsIdentity identity = store.tlsIdentity(INSTALLED + validId(id)).orElseThrow(() -> noSuchCertificate());
            requireUsable(identity);
            chosen.put(listener, identity);
        });
        switchTo(chosen);
        Map<String, InstalledCertificate> answer = new java.util.LinkedHashMap<>();
        certificateByListener.forEach((listener, id) -> answer.put(listener, installedCertificate(id)));
        return answer;
    }

    /**
     * Ends a listener's assignment: it presents the service's self-signed certificate again, at once when the listeners
     * run here. Refused ({@code not_assigned}) when nothing is assigned to it.
     */
    public synchronized void unassign(String listener) {
        if (!LISTENERS.contains(listener)) {
            throw new IllegalArgumentException("No listener " + listener);
        }
        if (store.tlsIdentity(assignedIdentityName(listener)).isEmpty()) {
            throw new CertificateRefusal("not_assigned", "No certificate is assigned to the " + listener + " listener");
        }
        Map<String, Optional<TlsIdentity>> before = assignedNow();
        store.deleteTlsIdentity(assignedIdentityName(listener));
        if (running.isPresent()) {
            Optional<TlsIdentity> own = store.tlsIdentity(SELF_SIGNED);
            if (own.isEmpty()) {
                // The launcher issues it when a start finds nothing assigned; until then the listener keeps its certificate.
                return;
            }
            presentOrRestore(Map.of(listener, own.get()), before);
        }
    }

    /** Stores the assignments and, on running listeners, presents them; the old ones come back when that fails. */
    private void switchTo(Map<String, TlsIdentity> chosen) {
        Map<String, Optional<TlsIdentity>> before = assignedNow();
        chosen.forEach((listener, identity) -> store.storeTlsIdentity(assignedIdentityName(listener), identity));
        running.ifPresent(listeners -> presentOrRestore(chosen, before));
    }

    private void presentOrRestore(Map<String, TlsIdentity> presented, Map<String, Optional<TlsIdentity>> before) {
        try {
            running.get().apply(presented);
        } catch (RuntimeException notServed) {
            before.forEach((listener, identity) -> identity.ifPresentOrElse(
                    kept -> store.storeTlsIdentity(assignedIdentityName(listener), kept),
                    () -> store.deleteTlsIdentity(assignedIdentityName(listener))));
            if (notServed instanceof CertificateRefusal refusal) {
                throw refusal;
            }
            throw new CertificateRefusal("not_served", "The listeners' key store could not be rewritten (" + notServed.getMessage()
                    + "); the listeners present the certificates they had before");
        }
    }

    private Map<String, Optional<TlsIdentity>> assignedNow() {
        Map<String, Optional<TlsIdentity>> assigned = new java.util.LinkedHashMap<>();
        LISTENERS.forEach(listener -> assigned.put(listener, store.tlsIdentity(assignedIdentityName(listener))));
        return assigned;
    }

    /** Listener name to the id of the installed certificate assigned to it. */
    public Map<String, String> assignments() {
        Map<String, String> assignments = new java.util.LinkedHashMap<>();
        for (InstalledCertificate certificate : installed()) {
            certificate.usedBy().forEach(listener -> assignments.put(listener, certificate.id()));
        }
        return assignments;
    }

    private InstalledCertificate installedCertificate(String id) {
        TlsIdentity identity = store.tlsIdentity(INSTALLED + validId(id)).orElseThrow(ServerCertificates::noSuchCertificate);
        return describe(id, identity, assignedFingerprints());
    }

    private InstalledCertificate install(TlsIdentity identity) {
        requireUsable(identity);
        String id = newId();
        store.storeTlsIdentity(INSTALLED + id, identity);
        return describe(id, identity, Map.of());
    }

    private void requireUsable(TlsIdentity identity) {
        if (!TlsIdentity.isPair(policy, identity.privateKey(), identity.leaf().getPublicKey())) {
            throw CertificateRefusal.notAPair();
        }
        try {
            identity.requireUsable(policy, clock.instant());
        } catch (CryptoPolicyViolation e) {
            throw new CertificateRefusal("policy_refused", e.getMessage());
        }
    }

    /** The uploaded certificate whose key is the private key's; refused when none is. */
    private X509Certificate leafFor(TlsIdentity keyHolder, List<X509Certificate> uploaded) {
        for (X509Certificate certificate : uploaded) {
            try {
                policy.signatureAlgorithmFor(certificate.getPublicKey());
            } catch (CryptoPolicyViolation unknownKeyType) {
                continue;
            }
            if (TlsIdentity.isPair(policy, keyHolder.privateKey(), certificate.getPublicKey())) {
                return certificate;
            }
        }
        try {
            policy.requireAcceptable(uploaded.get(0).getPublicKey());
        } catch (CryptoPolicyViolation weakKey) {
            // A key the policy refuses may not even sign here (P-192): its refusal is the answer that helps.
            throw new CertificateRefusal("policy_refused", weakKey.getMessage());
        }
        throw CertificateRefusal.notAPair();
    }

    /** Leaf first, each next certificate the issuer of the one before, up to a self-signed root. */
    private static List<X509Certificate> chainFrom(X509Certificate leaf, Collection<X509Certificate> offered) {
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        Set<X509Certificate> used = new HashSet<>(chain);
        X509Certificate current = leaf;
        while (!TrustedCertificates.isSelfSigned(current)) {
            X509Certificate issuer = issuerOf(current, offered, used).orElseThrow(() -> new CertificateRefusal("chain_incomplete",
                    "The chain does not reach a root CA: add the issuer of " + chain.get(chain.size() - 1).getSubjectX500Principal().getName()));
            chain.add(issuer);
            used.add(issuer);
            current = issuer;
        }
        return chain;
    }

    private static Optional<X509Certificate> issuerOf(X509Certificate certificate, Collection<X509Certificate> offered, Set<X509Certificate> used) {
        for (X509Certificate candidate : offered) {
            if (used.contains(candidate) || !candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(candidate.getPublicKey());
                return Optional.of(candidate);
            } catch (GeneralSecurityException | RuntimeException notTheIssuer) {
                // another CA of the same name may be the one
            }
        }
        return Optional.empty();
    }

    private TlsIdentity pending(String id) {
        return store.tlsIdentity(REQUEST + validId(id)).orElseThrow(() -> new CertificateRefusal("no_such_request",
                "No pending certificate signing request " + id));
    }

    private Map<String, String> assignedFingerprints() {
        Map<String, String> assigned = new java.util.LinkedHashMap<>();
        for (String listener : LISTENERS) {
            store.tlsIdentity(assignedIdentityName(listener)).ifPresent(identity -> assigned.put(listener, fingerprint(identity.leaf())));
        }
        return assigned;
    }

    private InstalledCertificate describe(String id, TlsIdentity identity, Map<String, String> assigned) {
        X509Certificate leaf = identity.leaf();
        String fingerprint = fingerprint(leaf);
        List<String> usedBy = assigned.entrySet().stream().filter(entry -> entry.getValue().equals(fingerprint)).map(Map.Entry::getKey).toList();
        PublicKey key = leaf.getPublicKey();
        return new InstalledCertificate(id, leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                subjectAlternativeNames(leaf), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), key.getAlgorithm(),
                CryptoPolicy.keyBits(key), fingerprint, usedBy);
    }

    private static CertificateRequest request(String id, X509Certificate placeholder) {
        PublicKey key = placeholder.getPublicKey();
        return new CertificateRequest(id, placeholder.getSubjectX500Principal().getName(), subjectAlternativeNames(placeholder),
                key.getAlgorithm(), CryptoPolicy.keyBits(key), placeholder.getNotBefore().toInstant());
    }

    static List<String> subjectAlternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            return entries == null ? List.of() : entries.stream().map(entry -> String.valueOf(entry.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static Extensions requestedExtensions(CertificateRequestSpec spec) {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            List<GeneralName> names = new ArrayList<>();
            spec.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            spec.ipAddresses().forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
            if (!names.isEmpty()) {
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            if (spec.msTemplate().isPresent()) {
                extensions.addExtension(MS_TEMPLATE_NAME, false, new DERBMPString(spec.msTemplate().get()));
            }
            return extensions.generate();
        } catch (IOException | IllegalArgumentException e) {
            throw new CertificateRefusal("invalid_request", "The host names or addresses cannot be encoded: " + e.getMessage());
        }
    }

    /** Holds the request's subject and extensions beside its key; it is never presented to anyone. */
    private X509Certificate selfSigned(X500Name subject, KeyPair pair, Extensions extensions, Instant now) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, random).setBit(63),
                    Date.from(now), Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic());
            for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                builder.addExtension(extensions.getExtension(oid));
            }
            return new JcaX509CertificateConverter().setProvider(CryptoPolicy.bouncyCastle())
                    .getCertificate(builder.build(signer(pair.getPrivate(), pair.getPublic(), false)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot keep the certificate signing request's key", e);
        }
    }

    private ContentSigner signer(java.security.PrivateKey key, PublicKey publicKey, boolean request) {
        String algorithm = request ? policy.certificateRequestSignatureAlgorithm(publicKey) : policy.signatureAlgorithmFor(publicKey);
        try {
            return new JcaContentSignerBuilder(algorithm).setProvider(CryptoPolicy.bouncyCastle()).setSecureRandom(random).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign with " + algorithm, e);
        }
    }

    private String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String validId(String id) {
        if (id == null || !id.matches("[0-9a-f]{16}")) {
            throw new CertificateRefusal("no_such_certificate", "No certificate or request " + id);
        }
        return id;
    }

    private static CertificateRefusal noSuchCertificate() {
        return new CertificateRefusal("no_such_certificate", "No installed certificate of this id");
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
