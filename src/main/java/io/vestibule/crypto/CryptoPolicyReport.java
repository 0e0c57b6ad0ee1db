package io.vestibule.crypto;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vestibule.crypto.pki.TrustedCertificates;

/**
 * Each use of keys and certificates in the service measured against {@link CryptoPolicy}: what is in force (algorithm,
 * key size or curve, signature algorithm) and whether the policy accepts it. Callers hand over what each use holds;
 * the verdicts come from the same checks that guard the start and every import, so the report and the service
 * cannot disagree.
 */
public final class CryptoPolicyReport {
    /** Ordered from best to worst: a use takes the worst verdict of its keys. */
    public enum Verdict {
        /** Every key and signature meets the policy. */
        COMPLIANT,
        /** Something the use trusts does not come from a file the service checks (the JVM's public CAs). */
        UNCHECKED,
        /** Nothing is configured or built for this use. */
        ABSENT,
        /** At least one key or signature is below the policy; the reason names which. */
        REFUSED
    }

    /** One key or certificate of a use; the subject and dates only for certificates. */
    public record KeyInUse(Optional<String> subject, String algorithm, int keySize, Optional<String> curve,
                           Optional<String> signatureAlgorithm, Optional<Instant> notAfter, Verdict verdict, Optional<String> reason) {
    }

    /**
     * A use of keys: where they come from ({@code source}: a setting, a store), its verdict, why when it is not
     * compliant, and its keys, the one that matters most (the leaf, the newest key) first.
     */
    public record Use(String name, String source, Verdict verdict, Optional<String> reason, List<KeyInUse> keys) {
        public Use {
            keys = List.copyOf(keys);
        }

        /** The key that describes the use: the leaf certificate, the newest signing key. */
        public Optional<KeyInUse> principal() {
            return keys.stream().findFirst();
        }
    }

    private final CryptoPolicy policy;

    public CryptoPolicyReport(CryptoPolicy policy) {
        this.policy = policy;
    }

    /** A chain the service presents, leaf first (a listener, the DTLS certificate), judged as at start. */
    public Use presented(String name, String source, List<X509Certificate> chain) {
        List<KeyInUse> keys = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            boolean leaf = i == 0;
            keys.add(certificate(chain.get(i), certificate -> TrustedCertificates.requirePresentable(certificate, leaf, policy)));
        }
        return use(name, source, keys);
    }

    /** Certificates the service trusts (a trust file): every key and every signature, as when the file is read. */
    public Use trusted(String name, String source, List<X509Certificate> anchors) {
        List<KeyInUse> keys = anchors.stream()
                .map(anchor -> certificate(anchor, certificate -> TrustedCertificates.requireTrustable(certificate, policy)))
                .toList();
        return use(name, source, keys);
    }

    /** Public keys the service signs with, newest first; the signature algorithm is the one the policy pairs with each. */
    public Use signingKeys(String name, String source, List<PublicKey> publicKeys) {
        List<KeyInUse> keys = publicKeys.stream().map(key -> {
            Optional<String> refused = refusal(() -> policy.requireAcceptable(key));
            Optional<String> signature = refused.isPresent() ? Optional.empty() : Optional.of(policy.signatureAlgorithmFor(key));
            return new KeyInUse(Optional.empty(), key.getAlgorithm(), CryptoPolicy.keyBits(key), CryptoPolicy.curveOf(key),
                    signature, Optional.empty(), refused.isPresent() ? Verdict.REFUSED : Verdict.COMPLIANT, refused);
        }).toList();
        return use(name, source, keys);
    }

    /** Data sealed at rest with the policy's authenticated cipher under keys the service makes at its size. */
    public Use sealed(String name, String source) {
        String cipher = policy.aeadTransformation().split("/")[0];
        String mode = policy.aeadTransformation().split("/")[1];
        KeyInUse key = new KeyInUse(Optional.empty(), cipher + "-" + policy.aeadKeyBits() + "-" + mode, policy.aeadKeyBits(),
                Optional.empty(), Optional.empty(), Optional.empty(), Verdict.COMPLIANT, Optional.empty());
        return new Use(name, source, Verdict.COMPLIANT, Optional.empty(), List.of(key));
    }

    /** A use that trusts what no file of the service holds, such as the JVM's public CAs. */
    /** The provider all the service's own cryptography asks: the FIPS module in approved-only mode, or bcprov and the JDK. */
    public Use module(String name) {
        String note = CryptoModule.fips()
                ? "every algorithm the service asks for comes from the FIPS module, which refuses unapproved ones"
                : "not FIPS mode: Bouncy Castle's bcprov and the JDK's providers; FIPS mode is vestibule-fips.jar";
        return new Use(name, CryptoModule.describe(), Verdict.COMPLIANT, Optional.of(note), List.of());
    }

    public Use unchecked(String name, String source, String reason) {
        return new Use(name, source, Verdict.UNCHECKED, Optional.of(reason), List.of());
    }

    /** A use with nothing configured or built. */
    public Use absent(String name, String reason) {
        return new Use(name, "none", Verdict.ABSENT, Optional.of(reason), List.of());
    }

    /** A use whose keys cannot be read at all: refused, since nothing shows they meet the policy. */
    public Use unreadable(String name, String source, String reason) {
        return new Use(name, source, Verdict.REFUSED, Optional.of(reason), List.of());
    }

    private static Use use(String name, String source, List<KeyInUse> keys) {
        if (keys.isEmpty()) {
            return new Use(name, source, Verdict.ABSENT, Optional.of("no key or certificate"), keys);
        }
        Optional<KeyInUse> refused = keys.stream().filter(key -> key.verdict() == Verdict.REFUSED).findFirst();
        if (refused.isEmpty()) {
            return new Use(name, source, Verdict.COMPLIANT, Optional.empty(), keys);
        }
        KeyInUse first = refused.get();
        String which = first.subject().map(subject -> subject + ": ").orElse("key " + (keys.indexOf(first) + 1) + " of " + keys.size() + ": ");
        return new Use(name, source, Verdict.REFUSED, Optional.of(which + first.reason().orElse("")), keys);
    }

    private KeyInUse certificate(X509Certificate certificate, Check check) {
        PublicKey key = certificate.getPublicKey();
        Optional<String> refused = refusal(() -> check.apply(certificate));
        return new KeyInUse(Optional.of(certificate.getSubjectX500Principal().getName()), key.getAlgorithm(), CryptoPolicy.keyBits(key),
                CryptoPolicy.curveOf(key), Optional.of(signatureName(certificate)), Optional.of(certificate.getNotAfter().toInstant()),
                refused.isPresent() ? Verdict.REFUSED : Verdict.COMPLIANT, refused);
    }

    /** The JDK's spelling (SHA256withECDSA) also for certificates Bouncy Castle made, which it spells SHA256WITHECDSA. */
    private static String signatureName(X509Certificate certificate) {
        return certificate.getSigAlgName().replace("WITH", "with");
    }

    private static Optional<String> refusal(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (CryptoPolicyViolation e) {
            return Optional.of(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Check {
        void apply(X509Certificate certificate);
    }
}
