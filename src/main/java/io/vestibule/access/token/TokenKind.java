package io.vestibule.access.token;

import java.util.Optional;

/**
 * The three tokens the gateway signs, told apart by the JOSE header {@code typ} (explicit typing, RFC 8725
 * §3.11), so that one kind can never be accepted where another is required even though all share the keys.
 */
public enum TokenKind {
    /** Admits a participant to a conference (WebSocket auth, conference control, refresh, release). */
    JOIN("vestibule-join+jwt"),
    /** Lets a participant who is not yet admitted wait in the lobby; nothing else. */
    LOBBY("vestibule-lobby+jwt"),
    /** Carried by an invitation link: names a conference, a role and a validity window (R-JOIN-4). */
    INVITATION("vestibule-invitation+jwt");

    private final String type;

    TokenKind(String type) {
        this.type = type;
    }

    /** The value of the JOSE header {@code typ}. */
    public String type() {
        return type;
    }

    /** The kind with exactly this {@code typ}; the comparison is exact because only Vestibule issues these. */
    public static Optional<TokenKind> fromType(String type) {
        for (TokenKind kind : values()) {
            if (kind.type.equals(type)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
