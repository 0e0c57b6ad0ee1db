package io.vestibule.media.gateway;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a participant's media is bound to the DTLS certificate of its first media connection (the base64url SHA-256
 * its join tokens carry as {@code cnf}): a copied token then carries no media, for the copy's browser has another
 * certificate.
 */
public interface MediaBindings {
    /** Binds the participant's media to the certificate, or checks it against the one bound; false when another is. */
    boolean bind(UUID conference, UUID participant, String certificate);

    /** The certificate the participant's media is bound to, once bound. */
    Optional<String> bound(UUID conference, UUID participant);
}
