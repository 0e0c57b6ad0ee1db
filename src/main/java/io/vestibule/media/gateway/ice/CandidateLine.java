package io.vestibule.media.gateway.ice;

import java.util.Locale;
import java.util.Optional;

/**
 * One ICE candidate as SDP writes it (RFC 8839 §5.1), without the {@code a=} prefix:
 * {@code candidate:1 1 udp 2130706431 192.0.2.10 10000 typ host}. Extensions after the type (raddr, generation,
 * ufrag, network-cost) are read past and not kept.
 */
record CandidateLine(String foundation, int component, String transport, long priority, String address, int port, String type) {
    private static final String PREFIX = "candidate:";

    CandidateLine {
        transport = transport.toLowerCase(Locale.ROOT);
        type = type.toLowerCase(Locale.ROOT);
    }

    /** Nothing when the text is not a candidate line. */
    static Optional<CandidateLine> parse(String text) {
        String line = text.strip();
        if (line.startsWith("a=")) {
            line = line.substring(2);
        }
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] fields = line.substring(PREFIX.length()).split(" +");
        if (fields.length < 8 || !fields[6].equals("typ")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CandidateLine(fields[0], Integer.parseInt(fields[1]), fields[2], Long.parseLong(fields[3]),
                    fields[4], Integer.parseInt(fields[5]), fields[7]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return PREFIX + foundation + " " + component + " " + transport + " " + priority + " " + address + " " + port + " typ " + type;
    }
}
