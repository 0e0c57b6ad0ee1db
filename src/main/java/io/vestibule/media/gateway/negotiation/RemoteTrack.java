package io.vestibule.media.gateway.negotiation;

/** Another participant's track, as the gateway offers it to a receiver: who sends it, and what. */
public record RemoteTrack(String participant, PublishedTrack track) {
    /** The stream is the participant (a page shows one tile per stream); the track names its kind and source. */
    String streamId() {
        return participant;
    }

    String trackId() {
        return participant + "-" + track.kind() + "-" + track.source();
    }
}
