package io.vestibule.crypto.pki;

import java.time.Instant;
import java.util.List;

/** A server certificate with its private key, ready to be assigned to a listener; {@code usedBy} names the listeners. */
public record InstalledCertificate(String id, String subject, String issuer, List<String> subjectAlternativeNames,
                                   Instant notBefore, Instant notAfter, String keyAlgorithm, int keyBits,
                                   String sha256Fingerprint, List<String> usedBy) {
}
