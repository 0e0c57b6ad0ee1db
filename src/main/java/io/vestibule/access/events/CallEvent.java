package io.vestibule.access.events;

import java.time.Instant;
import java.util.Optional;

/**
 * One call detail record (R-CDR-1), as Pexip's participant history models it: what happened, in which conference and
 * room, to which participant, from where, and how it ended. Fields that do not apply to a type are empty.
 *
 * @param conferenceId the call's stable id
 * @param identity the authenticated identity (a signed-in portal user), when there is one
 * @param encryption the negotiated media protection, as far as the service knows it
 * @param outcome the answer or reason in the API's words (host, invalid_pin, removed, sdp_policy/fingerprint, ...)
 */
public record CallEvent(Type type, Instant occurredAt, Optional<String> conferenceId, Optional<String> roomId,
                        Optional<String> participantId, Optional<String> role, Optional<String> displayName,
                        Optional<String> identity, Optional<String> remoteAddress, Optional<Integer> remotePort,
                        Optional<String> userAgent, Optional<Long> durationSeconds, Optional<String> encryption,
                        String outcome, Optional<String> detail) {

    public enum Type {
        CONFERENCE_START("conference_start"),
        CONFERENCE_END("conference_end"),
        PARTICIPANT_JOIN("participant_join"),
        PARTICIPANT_WAIT("participant_wait"),
        PARTICIPANT_LEAVE("participant_leave"),
        JOIN_REFUSED("join_refused"),
        PIN_FAILURE("pin_failure"),
        BLOCK("block"),
        POLICY_REFUSAL("policy_refusal"),
        /** A participant's media reached the gateway: what DTLS and SRTP negotiated. */
        MEDIA_CONNECTED("media_connected"),
        /** A participant's media connection ended: why, how long, and what it carried each way. */
        MEDIA_ENDED("media_ended");

        private final String apiName;

        Type(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        public static Optional<Type> fromApiName(String name) {
            for (Type type : values()) {
                if (type.apiName.equals(name)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    public static Builder of(Type type, Instant occurredAt, String outcome) {
        return new Builder(type, occurredAt, outcome);
    }

    /** Names the record without any of its content, which is for auditors only. */
    @Override
    public String toString() {
        return "CallEvent[" + type.apiName() + "]";
    }

    /** Builds an event field by field; unset fields are empty. */
    public static final class Builder {
        private final Type type;
        private final Instant occurredAt;
        private final String outcome;
        private String conferenceId;
        private String roomId;
        private String participantId;
        private String role;
        private String displayName;
        private String identity;
        private String remoteAddress;
        private Integer remotePort;
        private String userAgent;
        private Long durationSeconds;
        private String encryption;
        private String detail;

        private Builder(Type type, Instant occurredAt, String outcome) {
            this.type = type;
            this.occurredAt = occurredAt;
            this.outcome = outcome;
        }

        public Builder conference(String conference, String room) {
            this.conferenceId = conference;
            this.roomId = room;
            return this;
        }

        public Builder room(String room) {
            this.roomId = room;
            return this;
        }

        public Builder participant(String id, String participantRole, String name) {
            this.participantId = id;
            this.role = participantRole;
            this.displayName = name;
            return this;
        }

        public Builder identity(String authenticatedIdentity) {
            this.identity = authenticatedIdentity;
            return this;
        }

        public Builder remote(String address, Integer port, String agent) {
            this.remoteAddress = address;
            this.remotePort = port;
            this.userAgent = agent;
            return this;
        }

        public Builder duration(long seconds) {
            this.durationSeconds = seconds;
            return this;
        }

        public Builder encryption(String negotiated) {
            this.encryption = negotiated;
            return this;
        }

        public Builder detail(String text) {
            this.detail = text;
            return this;
        }

        public CallEvent build() {
            return new CallEvent(type, occurredAt, Optional.ofNullable(conferenceId), Optional.ofNullable(roomId),
                    Optional.ofNullable(participantId), Optional.ofNullable(role), Optional.ofNullable(displayName),
                    Optional.ofNullable(identity), Optional.ofNullable(remoteAddress), Optional.ofNullable(remotePort),
                    Optional.ofNullable(userAgent), Optional.ofNullable(durationSeconds), Optional.ofNullable(encryption),
                    outcome, Optional.ofNullable(detail));
        }
    }
}
