package io.vestibule.identity.cert;

import java.lang.reflect.Proxy;
import java.security.cert.X509Certificate;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vestibule.identity.cert.CertificateIdentity.Reason;
import io.vestibule.testing.TestCertificates;

import static io.vestibule.identity.cert.CertificateLoginMode.NOT_REQUIRED;
import static io.vestibule.identity.cert.CertificateLoginMode.SUBJECT_ALT_NAME_UPN;
import static io.vestibule.identity.cert.CertificateLoginMode.SUBJECT_CN;
import static org.assertj.core.api.Assertions.assertThat;

class ClientCertificatesTest {
    private static final TestCertificates.Issued CA = TestCertificates.authority("CN=Admin CA,O=Example");

    private static X509Certificate certificate(String subject, GeneralName... altNames) {
        return certificate(new X500Name(subject), altNames);
    }

    private static X509Certificate certificate(X500Name subject, GeneralName... altNames) {
        return TestCertificates.issue(CA, subject, altNames.length == 0 ? null : new GeneralNames(altNames)).certificate();
    }

    private static GeneralName upn(String name) {
        return otherName(ClientCertificates.USER_PRINCIPAL_NAME, new DERUTF8String(name));
    }

    private static GeneralName otherName(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new GeneralName(GeneralName.otherName, new OtherName(type, value));
    }

    private static HttpServletRequest requestWith(Object chainAttribute) {
        Map<String, Object> attributes = chainAttribute == null ? Map.of()
                : Map.of("jakarta.servlet.request.X509Certificate", chainAttribute);
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getAttribute")) {
                        return attributes.get((String) arguments[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theSubjectsCommonNameNamesTheAdministrator() {
        assertThat(ClientCertificates.identify(certificate("CN=ana.garcia,OU=IT,O=Example"), SUBJECT_CN).name()).hasValue("ana.garcia");
        assertThat(ClientCertificates.identify(certificate("CN=Bob Smith,O=Example,C=GB"), SUBJECT_CN).name()).hasValue("Bob Smith");
        assertThat(ClientCertificates.identify(certificate("O=Example,CN=Åsa Öberg"), SUBJECT_CN).name()).hasValue("Åsa Öberg");
    }

    @Test
    void aPrintableStringCommonNameCounts() {
        X500Name subject = new X500NameBuilder().addRDN(BCStyle.CN, new DERPrintableString("carol")).build();
        assertThat(ClientCertificates.identify(certificate(subject), SUBJECT_CN).name()).hasValue("carol");
    }

    @Test
    void theUserPrincipalNameNamesTheAdministrator() {
        X509Certificate certificate = certificate("CN=Ana Garcia,O=Example", upn("ana@example.org"),
                new GeneralName(GeneralName.rfc822Name, "ana.garcia@example.org"));

        assertThat(ClientCertificates.identify(certificate, SUBJECT_ALT_NAME_UPN))
                .isEqualTo(new CertificateIdentity.Named("ana@example.org"));
    }

    @Test
    void aCertificateWithBothNamesAnswersEachModeWithItsOwn() {
        X509Certificate certificate = certificate("CN=ana.garcia,O=Example", upn("ana@example.org"));

        assertThat(ClientCertificates.identify(certificate, SUBJECT_CN).name()).hasValue("ana.garcia");
        assertThat(ClientCertificates.identify(certificate, SUBJECT_ALT_NAME_UPN).name()).hasValue("ana@example.org");
    }

    @Test
    void aCertificateWithoutEitherNameNamesNobody() {
        X509Certificate certificate = certificate("O=Example,OU=Admins", new GeneralName(GeneralName.dNSName, "admin.example.org"));

        assertThat(ClientCertificates.identify(certificate, SUBJECT_CN)).isEqualTo(new CertificateIdentity.Unnamed(Reason.ABSENT));
        assertThat(ClientCertificates.identify(certificate, SUBJECT_ALT_NAME_UPN))
                .isEqualTo(new CertificateIdentity.Unnamed(Reason.ABSENT));
        assertThat(ClientCertificates.identify(certificate("CN=no.alt.names"), SUBJECT_ALT_NAME_UPN).name()).isEmpty();
    }

    @Test
    void severalCommonNamesAreAmbiguous() {
        assertThat(ClientCertificates.identify(certificate("CN=ana,CN=root,O=Example"), SUBJECT_CN))
                .isEqualTo(new CertificateIdentity.Unnamed(Reason.AMBIGUOUS));
        // A second CN hidden in a multi-valued RDN counts as well.
        X500Name multiValued = new X500NameBuilder().addMultiValuedRDN(new AttributeTypeAndValue[] {
                new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("ana")),
                new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("root"))}).build();
        assertThat(ClientCertificates.identify(certificate(multiValued), SUBJECT_CN).name()).isEmpty();
    }

    @Test
    void severalUserPrincipalNamesAreAmbiguous() {
        X509Certificate certificate = certificate("CN=ana", upn("ana@example.org"), upn("root@example.org"));

        assertThat(ClientCertificates.identify(certificate, SUBJECT_ALT_NAME_UPN))
                .isEqualTo(new CertificateIdentity.Unnamed(Reason.AMBIGUOUS));
    }

    @Test
    void malformedNamesNameNobody() {
        // A UPN must be a UTF8String.
        assertThat(ClientCertificates.identify(certificate("CN=ana", otherName(ClientCertificates.USER_PRINCIPAL_NAME,
                new DERIA5String("ana@example.org"))), SUBJECT_ALT_NAME_UPN)).isEqualTo(new CertificateIdentity.Unnamed(Reason.MALFORMED));
        assertThat(ClientCertificates.identify(certificate("CN=ana", otherName(ClientCertificates.USER_PRINCIPAL_NAME,
                new DERSequence(new DERUTF8String("ana@example.org")))), SUBJECT_ALT_NAME_UPN).name()).isEmpty();
        assertThat(ClientCertificates.identify(certificate("CN=ana", upn(" ")), SUBJECT_ALT_NAME_UPN).name()).isEmpty();
        assertThat(ClientCertificates.identify(certificate("CN=ana", upn("ana@example.org\u0000.evil")), SUBJECT_ALT_NAME_UPN)
                .name()).isEmpty();
        X500Name controlCharacters = new X500NameBuilder().addRDN(BCStyle.CN, new DERUTF8String("ana\nadmin")).build();
        assertThat(ClientCertificates.identify(certificate(controlCharacters), SUBJECT_CN))
                .isEqualTo(new CertificateIdentity.Unnamed(Reason.MALFORMED));
    }

    @Test
    void otherOtherNamesAreNotUserPrincipalNames() {
        GeneralName someOtherName = otherName(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), new DERUTF8String("ana@example.org"));
        GeneralName explicitlyTagged = new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.2"), new DERTaggedObject(true, 0, new DERUTF8String("x"))}));

        assertThat(ClientCertificates.identify(certificate("CN=ana", someOtherName, explicitlyTagged), SUBJECT_ALT_NAME_UPN))
                .isEqualTo(new CertificateIdentity.Unnamed(Reason.ABSENT));
    }

    @Test
    void withoutCertificateLoginACertificateNamesNobody() {
        assertThat(ClientCertificates.identify(certificate("CN=ana", upn("ana@example.org")), NOT_REQUIRED))
                .isEqualTo(new CertificateIdentity.Unnamed(Reason.NOT_USED));
    }

    @Test
    void theChainComesFromTheServletContainersAttributeLeafFirst() {
        X509Certificate leaf = certificate("CN=ana.garcia", upn("ana@example.org"));
        HttpServletRequest request = requestWith(new X509Certificate[] {leaf, CA.certificate()});

        assertThat(ClientCertificates.chain(request)).containsExactly(leaf, CA.certificate());
        assertThat(ClientCertificates.identify(request, SUBJECT_CN).name()).hasValue("ana.garcia");
        assertThat(ClientCertificates.identify(request, SUBJECT_ALT_NAME_UPN).name()).hasValue("ana@example.org");
    }

    @ParameterizedTest
    @EnumSource(CertificateLoginMode.class)
    void aRequestWithoutACertificateNamesNobody(CertificateLoginMode mode) {
        for (Object attribute : new Object[] {null, new X509Certificate[0], "not a chain"}) {
            HttpServletRequest request = requestWith(attribute);
            assertThat(ClientCertificates.chain(request)).isEmpty();
            assertThat(ClientCertificates.identify(request, mode)).isEqualTo(new CertificateIdentity.Unnamed(Reason.NO_CERTIFICATE));
        }
    }

    @Test
    void modesHaveTheirApiNames() {
        assertThat(CertificateLoginMode.values()).extracting(CertificateLoginMode::apiName)
                .containsExactly("not_required", "subject_cn", "subject_alt_name_upn");
        assertThat(CertificateLoginMode.fromApiName("subject_alt_name_upn")).hasValue(SUBJECT_ALT_NAME_UPN);
        assertThat(CertificateLoginMode.fromApiName("SUBJECT_CN")).isEmpty();
    }
}
