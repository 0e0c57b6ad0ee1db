package io.vestibule.identity.cert;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Where a certificate says its revocation is published: the URIs of its CRL distribution points (RFC 5280 §4.2.1.13)
 * and of the OCSP responders in its authority information access (§4.2.2.1). A malformed extension names nothing.
 */
final class RevocationPointers {
    private RevocationPointers() {
    }

    static List<URI> crlDistributionPoints(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<URI> uris = new ArrayList<>();
        if (extension == null) {
            return uris;
        }
        try {
            for (DistributionPoint point : CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                // A CRL issued by someone other than the certificate's issuer (an indirect CRL) is not supported.
                if (name != null && name.getType() == DistributionPointName.FULL_NAME && point.getCRLIssuer() == null) {
                    uris.addAll(uris(GeneralNames.getInstance(name.getName()).getNames()));
                }
            }
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            return List.of();
        }
        return uris;
    }

    static List<URI> ocspResponders(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<URI> uris = new ArrayList<>();
        if (extension == null) {
            return uris;
        }
        try {
            for (AccessDescription access : AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                    .getAccessDescriptions()) {
                if (access.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                    uris.addAll(uris(new GeneralName[] {access.getAccessLocation()}));
                }
            }
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            return List.of();
        }
        return uris;
    }

    private static List<URI> uris(GeneralName[] names) {
        List<URI> uris = new ArrayList<>();
        for (GeneralName name : names) {
            if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
                // ASN1String, not bcprov's ASN1IA5String: the FIPS build's ASN.1 classes have no such type.
                if (!(name.getName() instanceof ASN1String address)) {
                    continue;
                }
                try {
                    uris.add(new URI(address.getString()));
                } catch (URISyntaxException notAnAddress) {
                    // Skipped like any other name this check cannot use.
                }
            }
        }
        return uris;
    }
}
