package io.vestibule.access;

import java.util.Optional;

/** What a participant may do in a conference: a host controls it (lock, admit, remove, end), a guest takes part. */
public enum ParticipantRole {
    HOST("host"),
    GUEST("guest");

    private final String code;

    ParticipantRole(String code) {
        this.code = code;
    }

    /** The stable name used in join tokens and the API. */
    public String code() {
        return code;
    }

    /** The role with this exact code; empty for anything else (no case folding, no trimming). */
    public static Optional<ParticipantRole> fromCode(String code) {
        for (ParticipantRole role : values()) {
            if (role.code.equals(code)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
