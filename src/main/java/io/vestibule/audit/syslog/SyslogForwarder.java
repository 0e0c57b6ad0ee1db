package io.vestibule.audit.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLSocket;

/**
 * Forwards one syslog server's messages: the recording thread {@link #offer}s each message to the server's
 * {@link SyslogQueue} (on disk, never waiting for the network); a sender thread of its own writes them, in order,
 * octet-counted, over one TLS connection, and moves the queue's cursor once a batch was written. While the server is
 * down it retries with a doubling pause, from {@code firstRetry} to {@code longestRetry}.
 *
 * <p>TCP acknowledges nothing to the writer: a batch written just before the server stops can be accepted by the
 * kernel and never read. Before each batch the sender therefore checks that the server has not closed the
 * connection (a syslog server never sends anything on it), which covers a server that stopped or restarted between
 * two batches; a server that dies while a batch is in flight can still lose that batch.
 */
public final class SyslogForwarder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyslogForwarder.class.getName());
    private static final int BATCH = 200;

    /** What the console shows of a server. */
    public record Status(SyslogServer server, boolean connected, long backlog, int queueLimit, long dropped,
                         Optional<String> failure, Optional<Instant> lastDelivery) {
    }

    private final SyslogServer server;
    private final SyslogQueue queue;
    private final SyslogConnector connector;
    private final Rfc5424Format format;
    private final SyslogAlarms alarms;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration longestRetry;
    private final Thread sender;
    private volatile boolean running = true;
    private volatile SSLSocket connection;
    private volatile DeliveryFailure failing;
    private volatile Instant lastDelivery;
    /** Events not queued since the queue filled; guarded by {@code this}. */
    private long droppedNow;
    private volatile long droppedInAll;

    public SyslogForwarder(SyslogServer server, SyslogQueue queue, SyslogConnector connector, Rfc5424Format format,
                           SyslogAlarms alarms, Clock clock, Duration firstRetry, Duration longestRetry, ThreadFactory threads) {
        this.server = server;
        this.queue = queue;
        this.connector = connector;
        this.format = format;
        this.alarms = alarms;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.longestRetry = longestRetry;
        this.sender = threads.newThread(this::deliverUntilClosed);
        sender.setName("syslog-" + server.key());
        sender.setDaemon(true);
    }

    public SyslogForwarder start() {
        sender.start();
        return this;
    }

    public SyslogServer server() {
        return server;
    }

    /** Queues a message; never throws and never waits for the server. A message that cannot be queued is counted. */
    public synchronized void offer(byte[] message) {
        try {
            if (droppedNow > 0 && queue.backlog() + 2 <= queue.limit()) {
                long dropped = droppedNow;
                queue.append(format.format(SyslogSeverity.WARNING, clock.instant(), "syslog.gap",
                        Map.of("dropped", Long.toString(dropped)), dropped + " audit events were not forwarded to this server"
                                + " while its queue held its limit of " + queue.limit() + " messages"));
                droppedNow = 0;
                alarms.eventsDropped(server, dropped);
            }
            if (!queue.append(message)) {
                if (droppedNow++ == 0) {
                    alarms.queueFull(server, queue.limit());
                }
                droppedInAll++;
            }
        } catch (IOException | RuntimeException e) {
            droppedInAll++;
            LOG.log(Level.SEVERE, "An audit event could not be queued for the syslog server " + server + ": " + e.getMessage(), e);
        }
    }

    public Status status() {
        DeliveryFailure failure = failing;
        return new Status(server, connection != null && failure == null, queue.backlog(), queue.limit(), droppedInAll,
                Optional.ofNullable(failure).map(f -> f.reason().code() + ": " + f.getMessage()), Optional.ofNullable(lastDelivery));
    }

    /** Stops the sender and closes the connection and the queue; what is queued stays on disk for the next start. */
    @Override
    public void close() {
        running = false;
        sender.interrupt();
        SSLSocket socket = connection;
        if (socket != null) {
            SyslogConnector.closeQuietly(socket);
        }
        try {
            queue.close();
            sender.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Closing the syslog queue of " + server + " failed", e);
        }
    }

    private void deliverUntilClosed() {
        Duration pause = firstRetry;
        while (running) {
            try {
                if (!queue.awaitBacklog(Duration.ofSeconds(30))) {
                    continue;
                }
                List<SyslogQueue.Queued> batch = queue.next(BATCH);
                if (batch.isEmpty()) {
                    continue;
                }
                deliver(batch);
                queue.delivered(batch.get(batch.size() - 1).sequence() + 1);
                lastDelivery = clock.instant();
                recovered();
                pause = firstRetry;
            } catch (DeliveryFailure failure) {
                disconnect();
                failed(failure);
                pause = sleep(pause);
            } catch (IOException e) {
                if (!running) {
                    break;
                }
                LOG.log(Level.SEVERE, "The syslog queue of " + server + " cannot be read or its cursor saved", e);
                pause = sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        disconnect();
    }

    private void deliver(List<SyslogQueue.Queued> batch) throws DeliveryFailure {
        SSLSocket socket = connected();
        try {
            OutputStream out = socket.getOutputStream();
            for (SyslogQueue.Queued queued : batch) {
                out.write(OctetCounting.frame(queued.message()));
            }
            out.flush();
        } catch (IOException e) {
            throw DeliveryFailure.of(e, server, true);
        }
    }

    /** The open connection if the server has not closed it, else a new one. */
    private SSLSocket connected() throws DeliveryFailure {
        SSLSocket socket = connection;
        if (socket != null && !closedByServer(socket)) {
            return socket;
        }
        disconnect();
        socket = connector.connect(server);
        connection = socket;
        return socket;
    }

    /** Whether the server closed (or reset) the connection: a read that ends, fails, or has anything to read. */
    private static boolean closedByServer(SSLSocket socket) {
        try {
            int timeout = socket.getSoTimeout();
            socket.setSoTimeout(1);
            try {
                InputStream in = socket.getInputStream();
                in.read();
                return true;
            } finally {
                socket.setSoTimeout(timeout);
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException gone) {
            return true;
        }
    }

    private void disconnect() {
        SSLSocket socket = connection;
        connection = null;
        if (socket != null) {
            SyslogConnector.closeQuietly(socket);
        }
    }

    private void failed(DeliveryFailure failure) {
        DeliveryFailure before = failing;
        if (before == null || before.reason() != failure.reason()) {
            LOG.warning(() -> "Syslog server " + server + ": " + failure.getMessage() + "; " + queue.backlog()
                    + " messages wait in its queue and are retried");
            alarms.deliveryFailing(server, failure);
        }
        failing = failure;
    }

    private void recovered() {
        if (failing != null) {
            failing = null;
            LOG.info(() -> "Syslog server " + server + " accepts messages again; " + queue.backlog() + " still queued");
        }
    }

    private Duration sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(longestRetry) > 0 ? longestRetry : doubled;
    }
}
