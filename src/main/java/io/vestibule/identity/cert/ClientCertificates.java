package io.vestibule.identity.cert;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * The client certificate of a request on the admin listener, and the administrator it names (R-ADM-5). The TLS
 * handshake has already checked that the certificate chains to a configured authority; this class only reads
 * names. Certificates are attacker-supplied input: a field that is absent, repeated or not plain text names
 * nobody, never "the first one".
 */
public final class ClientCertificates {
    /** Where the servlet container puts the chain the client presented, leaf first. */
    static final String CHAIN_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    /** Microsoft's userPrincipalName otherName (szOID_NT_PRINCIPAL_NAME), a UTF8String such as {@code ana@example.org}. */
    static final ASN1ObjectIdentifier USER_PRINCIPAL_NAME = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    private ClientCertificates() {
    }

    /** The chain the client presented on this connection, leaf first; empty when it presented none. */
    public static List<X509Certificate> chain(HttpServletRequest request) {
        return request.getAttribute(CHAIN_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0
                ? List.of(chain) : List.of();
    }

    /** The administrator the request's client certificate names under this mode. */
    public static CertificateIdentity identify(HttpServletRequest request, CertificateLoginMode mode) {
        List<X509Certificate> chain = chain(request);
        return chain.isEmpty() ? new CertificateIdentity.Unnamed(CertificateIdentity.Reason.NO_CERTIFICATE)
                : identify(chain.get(0), mode);
    }

    public static CertificateIdentity identify(X509Certificate certificate, CertificateLoginMode mode) {
        try {
            List<ASN1Encodable> names = switch (mode) {
                case NOT_REQUIRED -> null;
                case SUBJECT_CN -> commonNames(certificate);
                case SUBJECT_ALT_NAME_UPN -> userPrincipalNames(certificate);
            };
            if (names == null) {
                return new CertificateIdentity.Unnamed(CertificateIdentity.Reason.NOT_USED);
            }
            if (names.isEmpty()) {
                return new CertificateIdentity.Unnamed(CertificateIdentity.Reason.ABSENT);
            }
            if (names.size() > 1) {
                return new CertificateIdentity.Unnamed(CertificateIdentity.Reason.AMBIGUOUS);
            }
            return text(names.get(0), mode);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bouncy Castle's getInstance methods refuse malformed structures with these.
            return new CertificateIdentity.Unnamed(CertificateIdentity.Reason.MALFORMED);
        }
    }

    private static List<ASN1Encodable> commonNames(X509Certificate certificate) {
        List<ASN1Encodable> names = new ArrayList<>();
        // Every CN counts, including those hidden in a multi-valued RDN.
        for (RDN rdn : X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(BCStyle.CN)) {
                    names.add(attribute.getValue());
                }
            }
        }
        return names;
    }

    private static List<ASN1Encodable> userPrincipalNames(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return List.of();
        }
        List<ASN1Encodable> names = new ArrayList<>();
        for (GeneralName name : GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getNames()) {
            if (name.getTagNo() == GeneralName.otherName) {
                OtherName other = OtherName.getInstance(name.getName());
                if (other.getTypeID().equals(USER_PRINCIPAL_NAME)) {
                    names.add(other.getValue());
                }
            }
        }
        return names;
    }

    /**
     * A UPN must be a UTF8String; a CN may be any directory string type that decodes to text unambiguously (not
     * TeletexString, whose character set is a guess, nor UniversalString, which Bouncy Castle gives as hex).
     */
    private static CertificateIdentity text(ASN1Encodable value, CertificateLoginMode mode) {
        int tag = universalTag(value);
        boolean textual = value instanceof ASN1String && (tag == BERTags.UTF8_STRING || mode == CertificateLoginMode.SUBJECT_CN
                && (tag == BERTags.PRINTABLE_STRING || tag == BERTags.BMP_STRING));
        if (!textual) {
            return new CertificateIdentity.Unnamed(CertificateIdentity.Reason.MALFORMED);
        }
        String name = ((ASN1String) value).getString();
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            return new CertificateIdentity.Unnamed(CertificateIdentity.Reason.MALFORMED);
        }
        return new CertificateIdentity.Named(name);
    }

    /**
     * The universal tag of a value, read from its encoding: the FIPS build's ASN.1 classes lack bcprov's
     * ASN1UTF8String, ASN1PrintableString and ASN1BMPString types, so types cannot tell.
     */
    private static int universalTag(ASN1Encodable value) {
        try {
            byte[] encoded = value.toASN1Primitive().getEncoded();
            return encoded.length == 0 ? -1 : encoded[0] & 0x1f;
        } catch (IOException | RuntimeException unencodable) {
            return -1;
        }
    }
}
