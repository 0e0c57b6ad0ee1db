package io.vestibule.identity.cert;

import java.util.Optional;

/** Who a client certificate says its holder is: one name, or the reason it names nobody. */
public sealed interface CertificateIdentity {

    /** The name, when the certificate gives exactly one well-formed name. */
    default Optional<String> name() {
        return this instanceof Named named ? Optional.of(named.value()) : Optional.empty();
    }

    record Named(String value) implements CertificateIdentity {
    }

    record Unnamed(Reason reason) implements CertificateIdentity {
    }

    enum Reason {
        /** The client presented no certificate. */
        NO_CERTIFICATE,
        /** Certificate login is not required: a certificate names nobody. */
        NOT_USED,
        /** The certificate has no name where the mode looks. */
        ABSENT,
        /** The certificate has more than one name there: which one is meant cannot be told. */
        AMBIGUOUS,
        /** The name is not text, is blank or holds control characters, or the field does not parse. */
        MALFORMED
    }
}
