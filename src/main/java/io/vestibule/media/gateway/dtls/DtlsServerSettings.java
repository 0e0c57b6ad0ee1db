package io.vestibule.media.gateway.dtls;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.media.gateway.SrtpProfile;

/**
 * What the gateway's DTLS server allows, most preferred first in each list, and how long a handshake may take. Made
 * from the crypto policy; refuses empty lists, since a server that allows nothing would fail every participant
 * with a misleading reason. Settings that never change are their own {@link DtlsSettingsSource}.
 */
public record DtlsServerSettings(List<String> cipherSuites, List<String> namedGroups, List<String> signatureSchemes,
                                 List<SrtpProfile> srtpProfiles, Duration handshakeTimeout) implements DtlsSettingsSource {

    public DtlsServerSettings {
        cipherSuites = nonEmpty(cipherSuites, "cipher suite");
        namedGroups = nonEmpty(namedGroups, "named group");
        signatureSchemes = nonEmpty(signatureSchemes, "signature scheme");
        srtpProfiles = nonEmpty(srtpProfiles, "SRTP profile");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A DTLS handshake needs a positive deadline of at most " + Integer.MAX_VALUE + " ms");
        }
    }

    /**
     * The policy's DTLS parameters.
     *
     * @param allowAesCm whether SRTP_AES128_CM_HMAC_SHA1_80 is offered after the AEAD profiles (an admin setting)
     * @param handshakeTimeout how long a participant's handshake may take in all, retransmissions included
     */
    public static DtlsServerSettings from(CryptoPolicy policy, boolean allowAesCm, Duration handshakeTimeout) {
        return new DtlsServerSettings(policy.dtlsCipherSuites(), policy.dtlsNamedGroups(), policy.dtlsSignatureSchemes(),
                SrtpProfile.named(policy.srtpProfiles(allowAesCm)), handshakeTimeout);
    }

    /**
     * The policy's DTLS parameters with the administrator's AES-CM setting as it is when each handshake begins.
     *
     * @param allowAesCm asked once per handshake, so that it may change while the gateway runs
     */
    public static DtlsSettingsSource following(CryptoPolicy policy, BooleanSupplier allowAesCm, Duration handshakeTimeout) {
        // Both settings the administrator can choose are made once here, so that one the policy cannot make fails the start.
        DtlsServerSettings withAesCm = from(policy, true, handshakeTimeout);
        DtlsServerSettings withoutAesCm = from(policy, false, handshakeTimeout);
        return () -> allowAesCm.getAsBoolean() ? withAesCm : withoutAesCm;
    }

    @Override
    public DtlsServerSettings current() {
        return this;
    }

    private static <T> List<T> nonEmpty(List<T> values, String what) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("The DTLS server needs at least one " + what);
        }
        return List.copyOf(values);
    }
}
