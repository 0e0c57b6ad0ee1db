package io.vestibule.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's tshark capturing one UDP port on the loopback interface into a file, for a test to read back what went on
 * the wire. Nothing but loopback is captured.
 */
public final class LoopbackCapture implements AutoCloseable {
    private final Process capture;
    private final Path file;

    private LoopbackCapture(Process capture, Path file) {
        this.capture = capture;
        this.file = file;
    }

    /** Starts capturing and returns once tshark says it is capturing. */
    public static LoopbackCapture start(int udpPort, Path directory) {
        RequiredParts.require(RequiredParts.executable("tshark").isPresent(), "tshark", "Install Debian's tshark: apt-get install tshark");
        Path file = directory.resolve("udp-" + udpPort + ".pcapng");
        try {
            Process capture = new ProcessBuilder("tshark", "-i", "lo", "-f", "udp port " + udpPort, "-w", file.toString())
                    .redirectErrorStream(true).start();
            CompletableFuture<Boolean> capturing = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader output = new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = output.readLine(); line != null; line = output.readLine()) {
                        if (line.contains("Capturing on")) {
                            CompletableFuture.runAsync(() -> drain(output));
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    return false;
                }
            });
            if (!capturing.get(30, TimeUnit.SECONDS)) {
                capture.destroyForcibly();
                throw new IllegalStateException("tshark did not start capturing on lo");
            }
            return new LoopbackCapture(capture, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("tshark did not start capturing on lo", e);
        }
    }

    /** Stops the capture and gives the UDP payload of every packet captured, in order. */
    public List<byte[]> stopAndReadPayloads() {
        close();
        try {
            Process read = new ProcessBuilder("tshark", "-r", file.toString(), "-T", "fields", "-e", "udp.payload")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<byte[]> payloads = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(read.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        payloads.add(HexFormat.of().parseHex(line.strip().replace(":", "")));
                    }
                }
            }
            if (!read.waitFor(60, TimeUnit.SECONDS) || read.exitValue() != 0) {
                throw new IllegalStateException("tshark could not read " + file);
            }
            return payloads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                continue;
            }
        } catch (IOException e) {
            // tshark has gone; nothing more to read.
        }
    }
}
