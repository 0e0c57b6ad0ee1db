package io.vestibule.crypto.pki;

import java.time.Instant;
import java.util.List;

/** A pending certificate signing request, whose private key waits in the master key store for its certificate. */
public record CertificateRequest(String id, String subject, List<String> subjectAlternativeNames, String keyAlgorithm,
                                 int keyBits, Instant createdAt) {
}
