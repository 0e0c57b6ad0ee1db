package io.vestibule.audit.syslog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A syslog server audit events are forwarded to (R-AUD-3): where to connect, and the name its certificate must carry
 * (the host itself unless told otherwise, as when the server is reached by address).
 *
 * <p>Written {@code HOST:PORT} or {@code HOST:PORT=NAME}, an IPv6 address in brackets; several are separated by commas.
 * One form for the start-up setting and the saved one.
 */
public record SyslogServer(String host, int port, String verifiedName) {
    public static final int DEFAULT_PORT = 6514;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9.-]{0,252})");
    private static final Pattern ENTRY = Pattern.compile("(?<host>\\[[^]]*]|[^:=\\[]+)(?::(?<port>[0-9]{1,5}))?(?:=(?<name>.+))?");

    public SyslogServer {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a host name or an IP address (an IPv6 address in brackets)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        if (verifiedName == null || !NAME.matcher(verifiedName).matches()) {
            throw new IllegalArgumentException("'" + verifiedName + "' is not a name a certificate can carry");
        }
        host = host.toLowerCase(Locale.ROOT);
        verifiedName = verifiedName.toLowerCase(Locale.ROOT);
    }

    /** The host without the brackets of an IPv6 address, for connecting. */
    public String address() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** A name for files and alarms: host and port, nothing a file name cannot hold. */
    public String key() {
        return (host + "_" + port).replaceAll("[^a-z0-9._-]", "_");
    }

    @Override
    public String toString() {
        return host + ":" + port + (verifiedName.equals(host) ? "" : "=" + verifiedName);
    }

    public static SyslogServer parse(String text) {
        Matcher entry = ENTRY.matcher(text.strip());
        if (!entry.matches()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not HOST:PORT or HOST:PORT=NAME");
        }
        String host = entry.group("host").strip();
        int port = entry.group("port") == null ? DEFAULT_PORT : Integer.parseInt(entry.group("port"));
        String name = entry.group("name") == null ? host : entry.group("name").strip();
        if (entry.group("name") == null && host.startsWith("[")) {
            throw new IllegalArgumentException("'" + text.strip() + "' needs =NAME: the name the server's certificate carries");
        }
        return new SyslogServer(host, port, name);
    }

    /** A comma-separated list; blank means none. Two entries for one host and port are refused. */
    public static List<SyslogServer> parseList(String text) {
        List<SyslogServer> servers = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            SyslogServer server = parse(part);
            if (servers.stream().anyMatch(other -> other.key().equals(server.key()))) {
                throw new IllegalArgumentException(server.host() + ":" + server.port() + " is listed twice");
            }
            servers.add(server);
        }
        return List.copyOf(servers);
    }

    public static String format(List<SyslogServer> servers) {
        return String.join(",", servers.stream().map(SyslogServer::toString).toList());
    }
}
