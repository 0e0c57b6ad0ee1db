package io.vestibule.identity.cert;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether administrators must present a client certificate, and where it names them (R-ADM-5, seed 003
 * "Enable certificate-based authentication").
 */
public enum ClientCertificateMode {
    NOT_REQUIRED("not_required"),
    SUBJECT_CN("subject_cn"),
    SUBJECT_ALT_NAME_UPN("subject_alt_name_upn");

    private final String apiName;

    ClientCertificateMode(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<ClientCertificateMode> fromApiName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.apiName.equals(name)).findFirst();
    }
}
