package io.vestibule.platform.launcher;

import java.util.Properties;

import io.vestibule.crypto.CryptoPolicy;

/**
 * JSSE settings that Payara's listener configuration cannot express, applied before the first TLS use: the
 * protocols a server accepts (no TLS 1.0/1.1 even if the JDK's defaults change), the key-exchange groups
 * (P-256 and P-384 only, no X25519 or small FFDHE groups) and the signature schemes.
 */
final class JvmTlsHardening {
    private JvmTlsHardening() {
    }

    static void apply(CryptoPolicy policy, Properties systemProperties) {
        systemProperties.setProperty("jdk.tls.server.protocols", String.join(",", policy.tlsProtocols()));
        systemProperties.setProperty("jdk.tls.client.protocols", String.join(",", policy.tlsProtocols()));
        systemProperties.setProperty("jdk.tls.namedGroups", String.join(",", policy.tlsNamedGroups()));
        systemProperties.setProperty("jdk.tls.server.SignatureSchemes", String.join(",", policy.tlsSignatureSchemes()));
        systemProperties.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }
}
