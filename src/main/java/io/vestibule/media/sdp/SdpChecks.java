package io.vestibule.media.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of R-RTC-2, one class each, in the order DtlsSrtpPolicy applies them. */
final class SdpChecks {

    private SdpChecks() {
    }

    /** {@code media_sections}: something to negotiate. */
    static final class SomeMedia implements SdpCheck {
        @Override
        public void check(SessionDescription description, SdpRole role) throws SdpRefused {
            if (description.media().stream().allMatch(MediaSection::disabled)) {
                throw new SdpRefused(SdpRule.MEDIA_SECTIONS, "no media section is enabled");
            }
        }
    }

    /** {@code transport}: RTP only over DTLS-SRTP with feedback, data only over DTLS/SCTP. */
    static final class DtlsTransport implements SdpCheck {
        private static final Set<String> RTP = Set.of("UDP/TLS/RTP/SAVPF");
        private static final Set<String> DATA = Set.of("UDP/DTLS/SCTP", "DTLS/SCTP");

        @Override
        public void check(SessionDescription description, SdpRole role) throws SdpRefused {
            for (MediaSection section : description.media()) {
                Set<String> allowed = section.kind().equals("application") ? DATA : RTP;
                if (!allowed.contains(section.transport())) {
                    throw new SdpRefused(SdpRule.TRANSPORT, "the " + section.kind() + " section uses " + section.transport()
                            + "; only " + String.join(" or ", allowed.stream().sorted().toList()) + " is allowed");
                }
            }
        }
    }

    /** {@code sdes}: keys never travel in the signaling. */
    static final class NoSdes implements SdpCheck {
        @Override
        public void check(SessionDescription description, SdpRole role) throws SdpRefused {
            if (description.hasAnywhere("crypto")) {
                throw new SdpRefused(SdpRule.SDES, "a=crypto (SDES keys in the signaling) is refused; media keys come from DTLS");
            }
        }
    }

    /** {@code fingerprint}: every enabled section is bound to a certificate by a strong hash, and no weak one is offered. */
    static final class StrongFingerprint implements SdpCheck {
        private static final Pattern HEX_PAIRS = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})*");

        private final Map<String, Integer> hashes;

        StrongFingerprint(Map<String, Integer> hashes) {
            this.hashes = hashes;
        }

        @Override
        public void check(SessionDescription description, SdpRole role) throws SdpRefused {
            for (MediaSection section : enabled(description)) {
                List<String> fingerprints = description.valuesFor(section, "fingerprint");
                if (fingerprints.isEmpty()) {
                    throw new SdpRefused(SdpRule.FINGERPRINT, "the " + section.kind() + " section has no a=fingerprint");
                }
                for (String fingerprint : fingerprints) {
                    algorithm(fingerprint);
                }
            }
        }

        /** The hash function of a valid fingerprint, in lower case. */
        String algorithm(String fingerprint) throws SdpRefused {
            String[] parts = fingerprint.trim().split(" ", -1);
            if (parts.length != 2) {
                throw new SdpRefused(SdpRule.FINGERPRINT, "a=fingerprint is <hash function> <hex pairs>");
            }
            String hash = parts[0].toLowerCase(Locale.ROOT);
            Integer length = hashes.get(hash);
            if (length == null) {
                throw new SdpRefused(SdpRule.FINGERPRINT, "fingerprints must use " + String.join(", ", hashes.keySet().stream().sorted().toList())
                        + (hash.matches("[a-z0-9-]{1,16}") ? "; " + hash + " is refused" : ""));
            }
            if (!HEX_PAIRS.matcher(parts[1]).matches() || (parts[1].length() + 1) / 3 != length) {
                throw new SdpRefused(SdpRule.FINGERPRINT, "a " + hash + " fingerprint is " + length + " hex pairs separated by colons");
            }
            return hash;
        }
    }

    /** {@code setup}: the offerer lets the answerer choose (actpass); the answerer chooses (active or passive). RFC 5763. */
    static final class DtlsSetup implements SdpCheck {
        @Override
        public void check(SessionDescription description, SdpRole role) throws SdpRefused {
            Set<String> allowed = role == SdpRole.OFFER ? Set.of("actpass") : Set.of("active", "passive");
            for (MediaSection section : enabled(description)) {
                Optional<String> setup = description.valueFor(section, "setup");
                if (setup.isEmpty() || !allowed.contains(setup.get())) {
                    throw new SdpRefused(SdpRule.SETUP, "an " + role.name().toLowerCase(Locale.ROOT) + " must say a=setup:"
                            + String.join(" or a=setup:", allowed.stream().sorted().toList()) + " in every media section");
                }
            }
        }
    }

    /** {@code ice_credentials}: RFC 8839's lengths and characters, at session or media level. */
    static final class IceCredentials implements SdpCheck {
        private static final Pattern UFRAG = Pattern.compile("[A-Za-z0-9+/]{4,256}");
        private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9+/]{22,256}");

        @Override
        public void check(SessionDescription description, SdpRole role) throws SdpRefused {
            for (MediaSection section : enabled(description)) {
                if (!description.valueFor(section, "ice-ufrag").filter(v -> UFRAG.matcher(v).matches()).isPresent()) {
                    throw new SdpRefused(SdpRule.ICE_CREDENTIALS, "a=ice-ufrag must be 4 to 256 ICE characters in every media section");
                }
                if (!description.valueFor(section, "ice-pwd").filter(v -> PASSWORD.matcher(v).matches()).isPresent()) {
                    throw new SdpRefused(SdpRule.ICE_CREDENTIALS, "a=ice-pwd must be 22 to 256 ICE characters in every media section");
                }
            }
        }
    }

    /** {@code rtcp_mux}: RTP and RTCP share one transport, so only one DTLS-SRTP association exists per section. */
    static final class RtcpMux implements SdpCheck {
        @Override
        public void check(SessionDescription description, SdpRole role) throws SdpRefused {
            for (MediaSection section : enabled(description)) {
                if (section.carriesRtp() && !section.has("rtcp-mux")) {
                    throw new SdpRefused(SdpRule.RTCP_MUX, "the " + section.kind() + " section lacks a=rtcp-mux");
                }
            }
        }
    }

    /** {@code codec}: every payload type of an RTP section names an allowed codec. */
    static final class AllowedCodecs implements SdpCheck {
        private static final Pattern PAYLOAD_TYPE = Pattern.compile("[0-9]{1,3}");

        private final CodecAllowList codecs;

        AllowedCodecs(CodecAllowList codecs) {
            this.codecs = codecs;
        }

        @Override
        public void check(SessionDescription description, SdpRole role) throws SdpRefused {
            for (MediaSection section : enabled(description)) {
                if (!section.carriesRtp()) {
                    continue;
                }
                for (String format : section.formats()) {
                    if (!PAYLOAD_TYPE.matcher(format).matches() || Integer.parseInt(format) > 127) {
                        throw new SdpRefused(SdpRule.CODEC, "an RTP format is a payload type from 0 to 127");
                    }
                    String encoding = encoding(section, Integer.parseInt(format))
                            .orElseThrow(() -> new SdpRefused(SdpRule.CODEC, "payload type " + format + " names no codec"));
                    if (!codecs.allows(section.kind(), encoding)) {
                        throw new SdpRefused(SdpRule.CODEC, "codec " + printable(encoding) + " is not allowed for " + section.kind());
                    }
                }
            }
        }

        private static Optional<String> encoding(MediaSection section, int payloadType) {
            String prefix = payloadType + " ";
            return section.values("rtpmap").stream()
                    .filter(map -> map.startsWith(prefix))
                    .map(map -> beforeSlash(map.substring(prefix.length())).trim())
                    .findFirst()
                    .or(() -> CodecAllowList.staticEncoding(payloadType));
        }

        private static String beforeSlash(String text) {
            int slash = text.indexOf('/');
            return slash < 0 ? text : text.substring(0, slash);
        }

        /** Codec names are echoed to the page: only a short, plain name is quoted. */
        private static String printable(String encoding) {
            return encoding.matches("[A-Za-z0-9._-]{1,32}") ? encoding : "(unnamed)";
        }
    }

    private static List<MediaSection> enabled(SessionDescription description) {
        return description.media().stream().filter(section -> !section.disabled()).toList();
    }
}
