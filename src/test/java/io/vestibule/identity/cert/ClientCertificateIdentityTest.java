package io.vestibule.identity.cert;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.ClientCertificates;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCertificateIdentityTest {
    private static final ClientCertificates.Issued CA = ClientCertificates.authority("Admin CA");

    @Test
    void theSubjectCommonNameNamesTheAdministratorInCnMode() {
        var certificate = ClientCertificates.client(CA, "dave", Optional.of("dave.upn@example.org")).certificate();
        assertThat(ClientCertificateIdentity.of(certificate, ClientCertificateMode.SUBJECT_CN)).contains("dave");
    }

    @Test
    void theUserPrincipalNameNamesTheAdministratorInUpnMode() {
        var certificate = ClientCertificates.client(CA, "Dave Admin", Optional.of("dave@example.org")).certificate();
        assertThat(ClientCertificateIdentity.of(certificate, ClientCertificateMode.SUBJECT_ALT_NAME_UPN)).contains("dave@example.org");
    }

    @Test
    void aCertificateWithoutTheChosenNameNamesNobody() {
        var certificate = ClientCertificates.client(CA, "dave", Optional.empty()).certificate();
        assertThat(ClientCertificateIdentity.of(certificate, ClientCertificateMode.SUBJECT_ALT_NAME_UPN)).isEmpty();
        assertThat(ClientCertificateIdentity.of(certificate, ClientCertificateMode.NOT_REQUIRED)).isEmpty();
    }

    @Test
    void aCertificateAuthorityWithoutUserNamesNamesOnlyItsCommonName() {
        assertThat(ClientCertificateIdentity.of(CA.certificate(), ClientCertificateMode.SUBJECT_CN)).contains("Admin CA");
        assertThat(ClientCertificateIdentity.of(CA.certificate(), ClientCertificateMode.SUBJECT_ALT_NAME_UPN)).isEmpty();
    }
}
