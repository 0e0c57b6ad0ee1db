package io.vestibule.audit.syslog;

import java.util.List;

/**
 * What an administrator sets about syslog forwarding (admin API {@code /syslog}): the servers, and how many messages
 * each server's queue keeps while the server is down.
 */
public record SyslogSettings(List<SyslogServer> servers, int queueLimit) {
    public static final int SMALLEST_QUEUE_LIMIT = 100;
    public static final int LARGEST_QUEUE_LIMIT = 10_000_000;
    public static final int MOST_SERVERS = 8;

    public SyslogSettings {
        servers = List.copyOf(servers);
        if (servers.size() > MOST_SERVERS) {
            throw new IllegalArgumentException("at most " + MOST_SERVERS + " syslog servers, not " + servers.size());
        }
        if (servers.stream().map(SyslogServer::key).distinct().count() < servers.size()) {
            throw new IllegalArgumentException("a syslog server is listed twice");
        }
        if (queueLimit < SMALLEST_QUEUE_LIMIT || queueLimit > LARGEST_QUEUE_LIMIT) {
            throw new IllegalArgumentException("the queue limit is between " + SMALLEST_QUEUE_LIMIT + " and " + LARGEST_QUEUE_LIMIT
                    + " messages, not " + queueLimit);
        }
    }
}
