package io.vestibule.crypto.pki;

import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;

/**
 * What an administrator asks a certificate for: the key type, the subject, the host names and addresses it must
 * cover, and optionally the Microsoft certificate template an Active Directory CA issues it from.
 */
public record CertificateRequestSpec(CertificateKeyType keyType, X500Name subject, List<String> dnsNames,
                                     List<String> ipAddresses, Optional<String> msTemplate) {
    public CertificateRequestSpec {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }
}
