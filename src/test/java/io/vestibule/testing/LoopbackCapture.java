package io.vestibule.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Debian's tshark capturing one UDP port on the loopback interface, each packet's UDP payload read as tshark prints
 * it (line-buffered), so a test can wait until a packet it expects has crossed instead of stopping at a guess and
 * losing what tshark had not written yet. Nothing but loopback is captured.
 */
public final class LoopbackCapture implements AutoCloseable {
    private static final Pattern PAYLOAD = Pattern.compile("[0-9a-f]{2}(:?[0-9a-f]{2})*");

    private final Process capture;
    private final List<byte[]> payloads = new ArrayList<>();

    private LoopbackCapture(Process capture) {
        this.capture = capture;
    }

    /** Starts capturing and returns once tshark says it is capturing. */
    public static LoopbackCapture start(int udpPort) {
        RequiredParts.require(RequiredParts.executable("tshark").isPresent(), "tshark", "Install Debian's tshark: apt-get install tshark");
        try {
            Process process = new ProcessBuilder("tshark", "-i", "lo", "-f", "udp port " + udpPort, "-l", "-T", "fields", "-e", "udp.payload")
                    .redirectErrorStream(true).start();
            LoopbackCapture capture = new LoopbackCapture(process);
            CompletableFuture<Boolean> capturing = new CompletableFuture<>();
            CompletableFuture.runAsync(() -> capture.read(capturing));
            if (!capturing.get(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("tshark did not start capturing on lo");
            }
            return capture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("tshark did not start capturing on lo", e);
        }
    }

    /** Waits until what has been captured so far, in order, is enough. */
    public synchronized void awaitCaptured(Predicate<List<byte[]>> enough, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!enough.test(payloads)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !capture.isAlive()) {
                throw new AssertionError("not enough captured within " + within + " (" + payloads.size() + " packets)");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Stops the capture and gives the UDP payload of every packet captured so far, in order. */
    public synchronized List<byte[]> stopAndReadPayloads() {
        close();
        return List.copyOf(payloads);
    }

    @Override
    public void close() {
        if (capture.isAlive()) {
            capture.destroy();
            try {
                if (!capture.waitFor(30, TimeUnit.SECONDS)) {
                    capture.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read(CompletableFuture<Boolean> capturing) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                String text = line.strip();
                if (text.contains("Capturing on")) {
                    capturing.complete(true);
                } else if (PAYLOAD.matcher(text).matches()) {
                    synchronized (this) {
                        payloads.add(HexFormat.of().parseHex(text.replace(":", "")));
                        notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // tshark has gone; nothing more to read.
        } finally {
            capturing.complete(false);
            synchronized (this) {
                notifyAll();
            }
        }
    }
}
