package io.vestibule.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a session description (RFC 8866) from a browser or any other peer: attacker input. Limits are checked
 * before anything else is read, and every way the text can be wrong ends in an {@link SdpRefused}, never in another
 * exception (SdpParserFuzzTest).
 */
public final class SdpParser {
    private static final Pattern MEDIA_KIND = Pattern.compile("[a-z]{1,32}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}(/[0-9]{1,5})?");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.0-9A-Z^_`a-z{|}~/]{1,64}");

    private final SdpLimits limits;

    public SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    public SessionDescription parse(String text) throws SdpRefused {
        if (text == null || text.isEmpty()) {
            throw new SdpRefused(SdpRule.SYNTAX, "the session description is empty");
        }
        if (text.length() > limits.maxBytes() || text.getBytes(StandardCharsets.UTF_8).length > limits.maxBytes()) {
            throw new SdpRefused(SdpRule.SIZE, "the session description is larger than " + limits.maxBytes() + " bytes");
        }
        List<String> lines = lines(text);
        if (lines.isEmpty() || !lines.get(0).equals("v=0")) {
            throw new SdpRefused(SdpRule.SYNTAX, "a session description starts with v=0");
        }
        List<SdpAttribute> sessionAttributes = new ArrayList<>();
        List<MediaSection> media = new ArrayList<>();
        Set<Character> sessionLineTypes = new HashSet<>();
        MediaLine current = null;
        List<SdpAttribute> currentAttributes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'm' -> {
                    if (current != null) {
                        media.add(current.section(currentAttributes));
                    }
                    if (media.size() + 1 > limits.maxMediaSections()) {
                        throw new SdpRefused(SdpRule.MEDIA_SECTIONS, "more than " + limits.maxMediaSections() + " media sections");
                    }
                    current = MediaLine.parse(value);
                    currentAttributes = new ArrayList<>();
                }
                case 'a' -> {
                    SdpAttribute attribute = SdpAttribute.parse(value);
                    if (!TOKEN.matcher(attribute.name()).matches()) {
                        throw new SdpRefused(SdpRule.SYNTAX, "an attribute has no valid name");
                    }
                    (current == null ? sessionAttributes : currentAttributes).add(attribute);
                }
                case 'k' -> throw new SdpRefused(SdpRule.SDES, "k= lines carry keys in the session description");
                default -> {
                    if (current == null) {
                        sessionLineTypes.add(type);
                    }
                }
            }
        }
        if (current != null) {
            media.add(current.section(currentAttributes));
        }
        for (char required : new char[] {'o', 's', 't'}) {
            if (!sessionLineTypes.contains(required)) {
                throw new SdpRefused(SdpRule.SYNTAX, "the session part has no " + required + "= line");
            }
        }
        return new SessionDescription(sessionAttributes, media);
    }

    /** Splits at CRLF (or a bare LF), refusing control characters, empty lines inside, and lines of the wrong shape. */
    private List<String> lines(String text) throws SdpRefused {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            if (end < 0) {
                end = text.length();
            } else if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            String line = text.substring(start, end);
            if (lines.size() == limits.maxLines()) {
                throw new SdpRefused(SdpRule.LINES, "more than " + limits.maxLines() + " lines");
            }
            if (line.length() > limits.maxLineLength()) {
                throw new SdpRefused(SdpRule.LINES, "a line is longer than " + limits.maxLineLength() + " characters");
            }
            checkShape(line);
            lines.add(line);
            start = next;
        }
        return lines;
    }

    private static void checkShape(String line) throws SdpRefused {
        if (line.length() < 2 || line.charAt(0) < 'a' || line.charAt(0) > 'z' || line.charAt(1) != '=') {
            throw new SdpRefused(SdpRule.SYNTAX, "every line is <letter>=<value>");
        }
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || Character.isSurrogate(c) && !validSurrogatePair(line, i)) {
                throw new SdpRefused(SdpRule.SYNTAX, "a line holds a control character or broken text");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
    }

    private static boolean validSurrogatePair(String line, int i) {
        return Character.isHighSurrogate(line.charAt(i)) && i + 1 < line.length() && Character.isLowSurrogate(line.charAt(i + 1));
    }

    /** An {@code m=} line before its attributes are known. */
    private record MediaLine(String kind, int port, String transport, List<String> formats) {

        static MediaLine parse(String value) throws SdpRefused {
            String[] fields = value.split(" ", -1);
            if (fields.length < 4 || !MEDIA_KIND.matcher(fields[0]).matches() || !PORT.matcher(fields[1]).matches()
                    || !TOKEN.matcher(fields[2]).matches()) {
                throw new SdpRefused(SdpRule.SYNTAX, "an m= line is <media> <port> <transport> <format>...");
            }
            int port = Integer.parseInt(fields[1].split("/")[0]);
            if (port > 65535) {
                throw new SdpRefused(SdpRule.SYNTAX, "an m= line names a port above 65535");
            }
            List<String> formats = List.of(fields).subList(3, fields.length);
            for (String format : formats) {
                if (!TOKEN.matcher(format).matches()) {
                    throw new SdpRefused(SdpRule.SYNTAX, "an m= line has an empty or invalid format");
                }
            }
            return new MediaLine(fields[0], port, fields[2], formats);
        }

        MediaSection section(List<SdpAttribute> attributes) {
            return new MediaSection(kind, port, transport, formats, attributes);
        }
    }
}
