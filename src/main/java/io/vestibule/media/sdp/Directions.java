package io.vestibule.media.sdp;

import java.util.List;

/** The direction of a media section (RFC 3264 §5.1): its own attribute, else the session's, else sendrecv. */
public final class Directions {
    private static final List<String> ALL = List.of("sendrecv", "sendonly", "recvonly", "inactive");

    private Directions() {
    }

    public static String of(SessionDescription description, MediaSection section) {
        return ALL.stream().filter(section::has).findFirst()
                .or(() -> ALL.stream().filter(name -> description.attributes().stream().anyMatch(a -> a.name().equals(name))).findFirst())
                .orElse("sendrecv");
    }

    /** Whether the description's party sends on the section. */
    public static boolean sends(SessionDescription description, MediaSection section) {
        String direction = of(description, section);
        return direction.equals("sendrecv") || direction.equals("sendonly");
    }

    /** Whether the description's party receives on the section. */
    public static boolean receives(SessionDescription description, MediaSection section) {
        String direction = of(description, section);
        return direction.equals("sendrecv") || direction.equals("recvonly");
    }
}
