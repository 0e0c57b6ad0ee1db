package io.vestibule.access;

import java.util.Arrays;
import java.util.Optional;

/** Hosts control a conference; guests have no control (seed 000 §99, R-ROOM-4). */
public enum ParticipantRole {
    HOST("host"), GUEST("guest");

    private final String code;

    ParticipantRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ParticipantRole> fromCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code.equals(code)).findFirst();
    }
}
