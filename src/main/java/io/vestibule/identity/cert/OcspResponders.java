package io.vestibule.identity.cert;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Revocation by OCSP (RFC 6960): asks the responder a certificate names, and believes a basic response signed by the
 * certificate's issuer or by a responder certificate that issuer made for OCSP signing. There is no nonce, so that
 * responders serving pre-signed answers work; instead an answer counts only while current: until its nextUpdate,
 * or, without one, for {@link #UNDATED_ANSWER_LIFETIME} after its thisUpdate. Answers are kept until their nextUpdate.
 */
final class OcspResponders {
    static final Duration UNDATED_ANSWER_LIFETIME = Duration.ofHours(1);
    private static final int CACHED_AT_MOST = 1024;

    private record Question(URI responder, CertificateID id) {
    }

    private record Answer(RevocationStatus status, Instant nextUpdate) {
    }

    private final RevocationFetcher fetcher;
    private final CryptoPolicy policy;
    private final Map<Question, Answer> answers = new ConcurrentHashMap<>();

    OcspResponders(RevocationFetcher fetcher, CryptoPolicy policy) {
        this.fetcher = fetcher;
        this.policy = policy;
    }

    RevocationStatus status(X509Certificate certificate, X509Certificate issuer, URI responder, Instant now) {
        if (!RevocationFetcher.fetchable(responder)) {
            return new RevocationStatus.Unknown("OCSP responder " + responder.getScheme() + ": not followed (http only)");
        }
        try {
            Question question = new Question(responder, certificateId(certificate, issuer));
            Answer kept = answers.get(question);
            if (kept != null && now.isBefore(kept.nextUpdate())) {
                return kept.status();
            }
            Answer answer = ask(question, issuer, now);
            if (answer.nextUpdate() != null) {
                if (answers.size() >= CACHED_AT_MOST) {
                    answers.clear();
                }
                answers.put(question, answer);
            }
            return answer.status();
        } catch (IOException e) {
            return new RevocationStatus.Unknown("OCSP responder " + responder + ": " + e.getMessage());
        }
    }

    private Answer ask(Question question, X509Certificate issuer, Instant now) throws IOException {
        byte[] request;
        try {
            request = new OCSPReqBuilder().addRequest(question.id()).build().getEncoded();
        } catch (OCSPException e) {
            throw new IOException("cannot build the request");
        }
        byte[] raw = fetcher.ocsp(question.responder(), request);
        OCSPResp response;
        try {
            response = new OCSPResp(raw);
        } catch (IOException | RuntimeException e) {
            throw new IOException("not an OCSP response");
        }
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new IOException("answered status " + response.getStatus());
        }
        BasicOCSPResp basic;
        try {
            basic = (BasicOCSPResp) response.getResponseObject();
        } catch (OCSPException | ClassCastException e) {
            throw new IOException("not a basic OCSP response");
        }
        if (basic == null || !signedForIssuer(basic, issuer, now)) {
            throw new IOException("the response is not signed by the issuer or its OCSP responder");
        }
        for (SingleResp single : basic.getResponses()) {
            if (single.getCertID().equals(question.id())) {
                return answer(single, question, now);
            }
        }
        throw new IOException("the response is not about this certificate");
    }

    private static Answer answer(SingleResp single, Question question, Instant now) throws IOException {
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(RevocationLists.CLOCK_SKEW))) {
            throw new IOException("the response is dated in the future");
        }
        Instant currentUntil = nextUpdate != null ? nextUpdate : thisUpdate.plus(UNDATED_ANSWER_LIFETIME);
        if (!now.isBefore(currentUntil)) {
            throw new IOException("the response is out of date");
        }
        CertificateStatus status = single.getCertStatus();
        String source = "OCSP responder " + question.responder();
        if (status == CertificateStatus.GOOD) {
            return new Answer(new RevocationStatus.Good(), nextUpdate);
        }
        if (status instanceof RevokedStatus revoked) {
            String reason = revoked.hasRevocationReason() ? " (" + reasonName(revoked.getRevocationReason()) + ")" : "";
            return new Answer(new RevocationStatus.Revoked(source + " says serial "
                    + question.id().getSerialNumber().toString(16) + " is revoked" + reason), nextUpdate);
        }
        return new Answer(new RevocationStatus.Unknown(source + " does not know the certificate"), null);
    }

    private static String reasonName(int code) {
        CRLReason[] reasons = CRLReason.values();
        return code >= 0 && code < reasons.length ? reasons[code].name().toLowerCase(Locale.ROOT) : "reason " + code;
    }

    /** Signed by the issuer itself, or by a delegated responder the issuer certified for OCSP signing (RFC 6960 §4.2.2.2). */
    private boolean signedForIssuer(BasicOCSPResp basic, X509Certificate issuer, Instant now) {
        if (signedBy(basic, issuer)) {
            return true;
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : basic.getCerts()) {
            try {
                X509Certificate responder = converter.getCertificate(holder);
                if (delegatedBy(responder, issuer, now) && signedBy(basic, responder)) {
                    return true;
                }
            } catch (CertificateException e) {
                // Not a certificate we can read: not the responder's.
            }
        }
        return false;
    }

    private boolean delegatedBy(X509Certificate responder, X509Certificate issuer, Instant now) {
        try {
            List<String> purposes = responder.getExtendedKeyUsage();
            if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || purposes == null
                    || !purposes.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                return false;
            }
            responder.verify(issuer.getPublicKey());
            responder.checkValidity(Date.from(now));
            policy.requireAcceptable(responder.getPublicKey());
            policy.requireAcceptableSignature(responder);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signedBy(BasicOCSPResp basic, X509Certificate signer) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(CryptoPolicy.bouncyCastle()).build(signer.getPublicKey()));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * SHA-1 in the CertID is an identifier the responder looks the certificate up by, not a signature: RFC 6960
     * responders must understand it, and not all understand another. The answer's signature is what is trusted.
     */
    private static CertificateID certificateId(X509Certificate certificate, X509Certificate issuer) throws IOException {
        try {
            return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IOException("cannot name the certificate to the responder");
        }
    }
}
