package io.vestibule.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.FreePorts;

class SyslogQueueTest {
    @TempDir
    Path directory;

    @Test
    void messagesComeBackInOrderAcrossSegmentsAndRestarts() throws Exception {
        try (SyslogQueue queue = SyslogQueue.open(directory, 64, 1000)) {
            for (int i = 0; i < 10; i++) {
                assertThat(queue.append(message(i))).isTrue();
            }
            List<SyslogQueue.Queued> first = queue.next(4);
            assertThat(texts(first)).containsExactly("message 0", "message 1", "message 2", "message 3");
            queue.delivered(first.get(3).sequence() + 1);
        }
        assertThat(segments()).as("segments before the cursor are deleted").hasSizeLessThan(10);
        try (SyslogQueue reopened = SyslogQueue.open(directory, 64, 1000)) {
            assertThat(reopened.backlog()).isEqualTo(6);
            assertThat(texts(reopened.next(100))).containsExactly("message 4", "message 5", "message 6", "message 7", "message 8", "message 9");
            reopened.append(message(10));
            assertThat(texts(reopened.next(100))).endsWith("message 10").hasSize(7);
        }
    }

    @Test
    void pastItsLimitTheNewestAreRefusedUntilDeliveryMakesRoom() throws Exception {
        try (SyslogQueue queue = SyslogQueue.open(directory, 1 << 20, 3)) {
            assertThat(queue.append(message(0))).isTrue();
            assertThat(queue.append(message(1))).isTrue();
            assertThat(queue.append(message(2))).isTrue();
            assertThat(queue.append(message(3))).isFalse();
            queue.delivered(queue.next(1).get(0).sequence() + 1);
            assertThat(queue.append(message(4))).isTrue();
            assertThat(texts(queue.next(10))).containsExactly("message 1", "message 2", "message 4");
        }
    }

    @Test
    void aMessageTornByACrashIsCutOffAndTheQueueGoesOn() throws Exception {
        try (SyslogQueue queue = SyslogQueue.open(directory, 1 << 20, 100)) {
            queue.append(message(0));
            queue.append(message(1));
        }
        Path segment = segments().get(0);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 50, 1, 2, 3}), channel.size());
        }
        try (SyslogQueue queue = SyslogQueue.open(directory, 1 << 20, 100)) {
            assertThat(queue.backlog()).isEqualTo(2);
            queue.append(message(2));
            assertThat(texts(queue.next(10))).containsExactly("message 0", "message 1", "message 2");
        }
    }

    @Test
    void aFullQueueIsAlarmedOnceCountedAndItsGapToldToTheServer() throws Exception {
        List<String> alarms = new CopyOnWriteArrayList<>();
        SyslogAlarms recording = new SyslogAlarms() {
            @Override
            public void deliveryFailing(SyslogServer server, DeliveryFailure failure) {
                alarms.add("failing " + failure.reason().code());
            }

            @Override
            public void queueFull(SyslogServer server, int limit) {
                alarms.add("full " + limit);
            }

            @Override
            public void eventsDropped(SyslogServer server, long dropped) {
                alarms.add("dropped " + dropped);
            }
        };
        SyslogTrust none = new SyslogTrust() {
            @Override
            public javax.net.ssl.TrustManager[] trustManagers() {
                return new javax.net.ssl.TrustManager[0];
            }

            @Override
            public String describe() {
                return "nothing";
            }
        };
        SyslogServer down = new SyslogServer("127.0.0.1", FreePorts.next(), "localhost");
        SyslogQueue queue = SyslogQueue.open(directory, 1 << 20, 10);
        try (SyslogForwarder forwarder = new SyslogForwarder(down, queue,
                new SyslogConnector(none, CryptoPolicy.standard(), Duration.ofSeconds(1)), new Rfc5424Format("h", 1), recording,
                Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofSeconds(30), Executors.defaultThreadFactory())) {
            for (int i = 0; i < 12; i++) {
                forwarder.offer(message(i));
            }
            assertThat(forwarder.status().backlog()).isEqualTo(10);
            assertThat(forwarder.status().dropped()).isEqualTo(2);
            assertThat(alarms).containsExactly("full 10");

            // The sender is not started: the test delivers by hand, and the next event is preceded by the gap's notice.
            List<SyslogQueue.Queued> first = queue.next(5);
            queue.delivered(first.get(4).sequence() + 1);
            forwarder.offer(message(99));
            assertThat(alarms).containsExactly("full 10", "dropped 2");
            List<String> rest = texts(queue.next(100));
            assertThat(rest).hasSize(7).endsWith("message 99");
            assertThat(rest.get(5)).contains(" syslog.gap [audit@32473 dropped=\"2\"]")
                    .endsWith("2 audit events were not forwarded to this server while its queue held its limit of 10 messages");
        }
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".queue")).sorted().toList();
        }
    }

    private static byte[] message(int n) {
        return ("message " + n).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<SyslogQueue.Queued> queued) {
        return queued.stream().map(q -> new String(q.message(), StandardCharsets.UTF_8)).toList();
    }
}
