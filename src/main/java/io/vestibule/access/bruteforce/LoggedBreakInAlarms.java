package io.vestibule.access.bruteforce;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import io.vestibule.access.IpLiteral;

/** Break-in alarms as warnings in the server log, where the operator's log shipping and alerting pick them up. */
public final class LoggedBreakInAlarms implements BreakInAlarms {
    private static final Logger LOG = Logger.getLogger(LoggedBreakInAlarms.class.getName());

    @Override
    public void roomBlocked(String roomId, Set<InetAddress> sources, Instant until) {
        LOG.warning(() -> "Break-in alarm: room " + printable(roomId) + " refuses PIN attempts until " + until
                + " after too many wrong PINs from " + list(sources));
    }

    @Override
    public void addressBlocked(InetAddress address, Instant until) {
        LOG.warning(() -> "Break-in alarm: address " + IpLiteral.text(address) + " is refused until " + until
                + " after too many attempts");
    }

    @Override
    public void accountBlocked(String account, Set<InetAddress> sources, Instant until) {
        LOG.warning(() -> "Break-in alarm: account " + printable(account) + " is locked until " + until
                + " after too many failed logins from " + list(sources));
    }

    /** Attackers choose account names: a line break in one must not forge a log line. */
    static String printable(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == '"' || c == '\\') {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.append('"').toString();
    }

    private static String list(Set<InetAddress> sources) {
        return sources.stream().map(IpLiteral::text).sorted().collect(Collectors.joining(", "));
    }
}
