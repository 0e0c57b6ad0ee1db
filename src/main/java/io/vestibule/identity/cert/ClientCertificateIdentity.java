package io.vestibule.identity.cert;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The administrator a client certificate names (R-ADM-5): its subject's common name, or its subjectAltName
 * userPrincipalName (an otherName, OID 1.3.6.1.4.1.311.20.2.3, as Active Directory certificates carry it). A
 * certificate that names nobody, or more than one identity in the chosen place, names nobody.
 */
public final class ClientCertificateIdentity {
    static final ASN1ObjectIdentifier USER_PRINCIPAL_NAME = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    private static final int OTHER_NAME = 0;
    private static final int LONGEST_IDENTITY = 256;

    private ClientCertificateIdentity() {
    }

    public static Optional<String> of(X509Certificate certificate, ClientCertificateMode mode) {
        List<String> names = switch (mode) {
            case SUBJECT_CN -> commonNames(certificate);
            case SUBJECT_ALT_NAME_UPN -> userPrincipalNames(certificate);
            case NOT_REQUIRED -> List.of();
        };
        return names.size() == 1 ? Optional.of(names.get(0)).filter(ClientCertificateIdentity::plausible) : Optional.empty();
    }

    private static List<String> commonNames(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        List<String> names = new ArrayList<>();
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            names.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return names;
    }

    private static List<String> userPrincipalNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives;
        try {
            alternatives = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException malformed) {
            return List.of();
        }
        if (alternatives == null) {
            return List.of();
        }
        for (List<?> alternative : alternatives) {
            if (alternative.size() >= 2 && Integer.valueOf(OTHER_NAME).equals(alternative.get(0)) && alternative.get(1) instanceof byte[] encoded) {
                userPrincipalName(encoded).ifPresent(names::add);
            }
        }
        return names;
    }

    /** OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY } (RFC 5280 §4.2.1.6). */
    private static Optional<String> userPrincipalName(byte[] encoded) {
        try {
            // The JDK hands over the whole GeneralName: otherName is [0] IMPLICIT around the sequence.
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(encoded);
            ASN1Sequence otherName = primitive instanceof ASN1TaggedObject tagged
                    ? ASN1Sequence.getInstance(tagged, false) : ASN1Sequence.getInstance(primitive);
            if (otherName.size() != 2 || !USER_PRINCIPAL_NAME.equals(otherName.getObjectAt(0))) {
                return Optional.empty();
            }
            // value [0] EXPLICIT; the JDK's re-encoding of an otherName it does not know wraps it in a second [0].
            ASN1Encodable value = otherName.getObjectAt(1);
            for (int depth = 0; depth < 2 && value instanceof ASN1TaggedObject explicit; depth++) {
                value = explicit.getExplicitBaseObject();
            }
            return value instanceof ASN1String text ? Optional.of(text.getString()) : Optional.empty();
        } catch (java.io.IOException | IllegalArgumentException | IllegalStateException malformed) {
            return Optional.empty();
        }
    }

    private static boolean plausible(String identity) {
        return !identity.isBlank() && identity.length() <= LONGEST_IDENTITY && identity.chars().noneMatch(Character::isISOControl);
    }
}
