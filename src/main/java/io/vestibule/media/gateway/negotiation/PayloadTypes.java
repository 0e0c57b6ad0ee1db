package io.vestibule.media.gateway.negotiation;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import io.vestibule.media.sdp.MediaSection;
import io.vestibule.media.sdp.SdpRefused;
import io.vestibule.media.sdp.SdpRule;
import io.vestibule.media.sdp.SessionDescription;

/**
 * The codecs the gateway forwards, as one participant numbered them in its offer: Opus for audio, VP8 (and its
 * retransmissions, RFC 4588) for video. Every participant receives what the others send, so the gateway agrees on
 * these two codecs with each and rewrites the payload type of each packet into the receiver's numbering.
 */
public record PayloadTypes(int opus, String opusParameters, int vp8, OptionalInt vp8Retransmission) {
    /** The numbering packets have inside the gateway (Chromium's, as it happens). */
    static final PayloadTypes GATEWAY = new PayloadTypes(111, "", 96, OptionalInt.of(97));

    /** The numbering of the first audio and video sections of an offer that passed the DTLS-SRTP policy. */
    public static PayloadTypes of(SessionDescription offer) throws SdpRefused {
        int opus = -1;
        String opusParameters = "";
        int vp8 = -1;
        OptionalInt retransmission = OptionalInt.empty();
        for (MediaSection section : offer.media()) {
            if (section.disabled() || !section.carriesRtp()) {
                continue;
            }
            if (section.kind().equals("audio") && opus < 0) {
                opus = payloadType(section, "opus/48000/2").orElse(-1);
                opusParameters = opus < 0 ? "" : parameters(section, opus).orElse("");
            } else if (section.kind().equals("video") && vp8 < 0) {
                vp8 = payloadType(section, "vp8/90000").orElse(-1);
                int primary = vp8;
                retransmission = primary < 0 ? OptionalInt.empty() : section.values("fmtp").stream()
                        .filter(line -> line.endsWith(" apt=" + primary)).mapToInt(line -> Integer.parseInt(line.split(" ", 2)[0]))
                        .filter(type -> payloadType(section, "rtx/90000").stream().anyMatch(rtx -> rtx == type)).findFirst();
            }
        }
        if (opus < 0 || vp8 < 0) {
            throw new SdpRefused(SdpRule.CODEC, "the media gateway forwards Opus audio and VP8 video; offer both");
        }
        return new PayloadTypes(opus, opusParameters, vp8, retransmission);
    }

    /**
     * The gateway's own number for a payload type in this participant's numbering, or empty for a codec the gateway
     * does not forward. Packets travel between participants in the gateway's numbering: each participant's pipeline
     * translates what it receives into it and what it sends out of it, so none needs to know another's.
     */
    public OptionalInt toGateway(int own) {
        if (own == opus) {
            return OptionalInt.of(GATEWAY.opus);
        }
        if (own == vp8) {
            return OptionalInt.of(GATEWAY.vp8);
        }
        if (vp8Retransmission.isPresent() && own == vp8Retransmission.getAsInt()) {
            return GATEWAY.vp8Retransmission;
        }
        return OptionalInt.empty();
    }

    /** This participant's number for a payload type in the gateway's numbering, or empty when it takes no such codec. */
    public OptionalInt fromGateway(int gateway) {
        if (gateway == GATEWAY.opus) {
            return OptionalInt.of(opus);
        }
        if (gateway == GATEWAY.vp8) {
            return OptionalInt.of(vp8);
        }
        if (gateway == GATEWAY.vp8Retransmission.getAsInt()) {
            return vp8Retransmission;
        }
        return OptionalInt.empty();
    }

    private static Optional<Integer> payloadType(MediaSection section, String codec) {
        return section.values("rtpmap").stream()
                .map(line -> line.split(" ", 2))
                .filter(parts -> parts.length == 2 && parts[1].toLowerCase(Locale.ROOT).equals(codec) && parts[0].matches("\\d{1,3}"))
                .map(parts -> Integer.parseInt(parts[0]))
                .filter(type -> section.formats().contains(String.valueOf(type)))
                .findFirst();
    }

    private static Optional<String> parameters(MediaSection section, int type) {
        return section.values("fmtp").stream().filter(line -> line.startsWith(type + " "))
                .map(line -> line.substring(line.indexOf(' ') + 1)).findFirst();
    }
}
