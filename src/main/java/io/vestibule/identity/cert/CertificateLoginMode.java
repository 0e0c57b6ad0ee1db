package io.vestibule.identity.cert;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether administrators sign in with a client certificate, and where it names them (R-ADM-5, seed 000 §37):
 * not required; required with the identity in the subject's CN; required with the identity in the
 * subjectAltName's userPrincipalName.
 */
public enum CertificateLoginMode {
    NOT_REQUIRED("not_required"),
    SUBJECT_CN("subject_cn"),
    SUBJECT_ALT_NAME_UPN("subject_alt_name_upn");

    private final String apiName;

    CertificateLoginMode(String apiName) {
        this.apiName = apiName;
    }

    /** The name in the admin API's settings and in configuration. */
    public String apiName() {
        return apiName;
    }

    public static Optional<CertificateLoginMode> fromApiName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.apiName.equals(name)).findFirst();
    }
}
