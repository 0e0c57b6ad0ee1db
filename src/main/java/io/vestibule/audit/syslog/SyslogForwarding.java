package io.vestibule.audit.syslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditRecordSink;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.keys.DataDirectoryPath;
import io.vestibule.platform.settings.SavedSettings;

/**
 * Audit events forwarded to the syslog servers in force (R-AUD-3): each stored event formatted once
 * ({@link Rfc5424Format}) and queued for every server, whose {@link SyslogForwarder} sends it. The servers and the
 * queue limit are saved settings ({@code syslog.servers}, {@code syslog.queue-limit}); a change closes the forwarders
 * and opens them again with what is queued, and the queue of a server no longer listed is deleted.
 */
@ApplicationScoped
public class SyslogForwarding implements AuditRecordSink {
    private static final Logger LOG = Logger.getLogger(SyslogForwarding.class.getName());
    static final String SERVERS = "syslog.servers";
    static final String QUEUE_LIMIT = "syslog.queue-limit";
    static final int DEFAULT_QUEUE_LIMIT = 100_000;
    private static final long SEGMENT_BYTES = 4L << 20;

    @Inject
    SavedSettings saved;

    @Inject
    Config config;

    @Inject
    DataDirectoryPath dataDirectory;

    @Inject
    CryptoPolicy policy;

    @Inject
    SyslogTrust trust;

    @Inject
    SyslogAlarms alarms;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    /** Recordings hold it to read, a change to write: no event is missed while the forwarders are opened again. */
    private final ReadWriteLock reconfiguring = new ReentrantReadWriteLock();
    private volatile List<SyslogForwarder> forwarders = List.of();
    private Rfc5424Format format;

    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        format = new Rfc5424Format(hostName(), ProcessHandle.current().pid());
        open(settings());
    }

    /** The settings in force: saved ones, else the start-up ones, else no server and the default limit. */
    public SyslogSettings settings() {
        try {
            return new SyslogSettings(SyslogServer.parseList(saved.text(SERVERS).orElse("")),
                    saved.wholeNumber(QUEUE_LIMIT, DEFAULT_QUEUE_LIMIT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SavedSettings.variable(SERVERS) + " or " + SavedSettings.variable(QUEUE_LIMIT)
                    + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Saves new settings and forwards by them from now on. */
    public synchronized SyslogSettings change(SyslogSettings changed, String administrator) {
        SyslogSettings before = settings();
        Map<String, String> values = new LinkedHashMap<>();
        // A saved blank would mean "the start-up list": a lone comma is "no server", which an administrator may choose.
        values.put(SERVERS, changed.servers().isEmpty() ? "," : SyslogServer.format(changed.servers()));
        values.put(QUEUE_LIMIT, Integer.toString(changed.queueLimit()));
        saved.save(values, administrator);
        reconfiguring.writeLock().lock();
        try {
            reopen(before, changed);
        } finally {
            reconfiguring.writeLock().unlock();
        }
        return changed;
    }

    private void reopen(SyslogSettings before, SyslogSettings changed) {
        closeAll();
        for (SyslogServer removed : before.servers()) {
            if (changed.servers().stream().noneMatch(server -> server.key().equals(removed.key()))) {
                deleteQueue(removed);
            }
        }
        open(changed);
    }

    @Override
    public void append(AuditEvent event) {
        reconfiguring.readLock().lock();
        try {
            List<SyslogForwarder> now = forwarders;
            if (!now.isEmpty()) {
                byte[] message = format.format(event);
                now.forEach(forwarder -> forwarder.offer(message));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Audit event " + event.id() + " could not be forwarded to syslog", e);
        } finally {
            reconfiguring.readLock().unlock();
        }
    }

    public List<SyslogForwarder.Status> statuses() {
        return forwarders.stream().map(SyslogForwarder::status).toList();
    }

    /** Sends one test message to {@code server} on a connection of its own; the failure says why it was not sent. */
    public Optional<DeliveryFailure> sendTestMessage(SyslogServer server, String administrator) {
        byte[] message = format.format(SyslogSeverity.INFORMATIONAL, clock.instant(), "syslog.test", Map.of("actor", administrator),
                "Test message from Vestibule, sent by " + administrator + " from the console");
        try {
            connector().sendOnce(server, message);
            return Optional.empty();
        } catch (DeliveryFailure failure) {
            return Optional.of(failure);
        }
    }

    @PreDestroy
    synchronized void closeAll() {
        List<SyslogForwarder> closing = forwarders;
        forwarders = List.of();
        closing.forEach(SyslogForwarder::close);
    }

    private synchronized void open(SyslogSettings settings) {
        List<SyslogForwarder> opened = new ArrayList<>();
        Duration firstRetry = Duration.ofMillis(config.getOptionalValue("vestibule.syslog.retry-first-millis", Long.class).orElse(1000L));
        Duration longestRetry = Duration.ofSeconds(config.getOptionalValue("vestibule.syslog.retry-longest-seconds", Long.class).orElse(60L));
        for (SyslogServer server : settings.servers()) {
            try {
                SyslogQueue queue = SyslogQueue.open(queueDirectory(server), SEGMENT_BYTES, settings.queueLimit());
                opened.add(new SyslogForwarder(server, queue, connector(), format, alarms, clock, firstRetry, longestRetry, threads).start());
                LOG.info(() -> "Audit events are forwarded to the syslog server " + server + " over TLS, verified against "
                        + trust.describe() + "; " + queue.backlog() + " queued from before");
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "The syslog queue of " + server + " cannot be opened; nothing is forwarded to it", e);
            }
        }
        forwarders = List.copyOf(opened);
    }

    private SyslogConnector connector() {
        return new SyslogConnector(trust, policy, Duration.ofSeconds(10));
    }

    private Path queueDirectory(SyslogServer server) {
        return dataDirectory.resolve("syslog-queue").resolve(server.key());
    }

    private void deleteQueue(SyslogServer server) {
        Path directory = queueDirectory(server);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
            LOG.info(() -> "The syslog server " + server + " is no longer listed; its queue is deleted");
        } catch (IOException e) {
            throw new UncheckedIOException("The queue of the syslog server " + server + " cannot be deleted", e);
        }
    }

    private String hostName() {
        return config.getOptionalValue("vestibule.syslog.hostname", String.class).map(String::strip).filter(name -> !name.isEmpty())
                .orElseGet(() -> {
                    try {
                        return InetAddress.getLocalHost().getCanonicalHostName();
                    } catch (IOException e) {
                        return "-";
                    }
                });
    }
}
