package io.vestibule.identity.cert;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an administrator's sign-in does when the revocation of the certificate cannot be found out
 * ({@code VESTIBULE_ADMIN_CLIENT_REVOCATION}). A revoked certificate is refused in either mode.
 */
public enum RevocationFailureMode {
    /** Refused, as CCN-STIC and the security target ask: a stolen certificate must not outlive an unreachable CRL. */
    FAIL_CLOSED("fail_closed"),
    /** Admitted, and the sign-in's audit record says that revocation was not checked. */
    SOFT_FAIL("soft_fail");

    private final String apiName;

    RevocationFailureMode(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public boolean admits(RevocationStatus status) {
        return status instanceof RevocationStatus.Good || this == SOFT_FAIL && status instanceof RevocationStatus.Unknown;
    }

    public static Optional<RevocationFailureMode> fromApiName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.apiName.equals(name)).findFirst();
    }
}
