package io.vestibule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted over a directory, to make a disk fill up for real: a test of what the service does on a full
 * disk. Mounting needs root (CI runs as root); elsewhere the test is skipped loudly through {@link RequiredParts}.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path directory;

    private Tmpfs(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs of {@code size} (as mount(8) takes it: 192k, 16m) over an existing, empty directory. */
    public static Tmpfs mount(Path directory, String size) {
        boolean root = "root".equals(System.getProperty("user.name"));
        RequiredParts.require(root && run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", directory.toString()),
                "a tmpfs mount over " + directory, "Run the tests as root, as .ci/run does");
        return new Tmpfs(directory);
    }

    /** Gives the file system more room, keeping what is on it: the disk was freed. */
    public void resize(String size) {
        if (!run("mount", "-t", "tmpfs", "-o", "remount,size=" + size + ",mode=0700", "tmpfs", directory.toString())) {
            throw new IllegalStateException("Cannot resize the tmpfs over " + directory);
        }
    }

    /** Writes a file until the disk is full. */
    public static void fill(Path filler) {
        byte[] block = new byte[4096];
        try (var out = java.nio.file.Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: that was the point.
        }
    }

    /**
     * Writes a file that leaves {@code free} bytes of its file system free (rounded to whole pages): the disk of a
     * shared service made as small as a test needs, and given its room back when the file is deleted.
     */
    public static void fillLeaving(Path filler, long free) {
        try {
            long toWrite = java.nio.file.Files.getFileStore(filler.getParent()).getUsableSpace() - free;
            if (toWrite <= 0) {
                throw new IllegalStateException(filler.getParent() + " has less than " + free + " bytes free already");
            }
            byte[] block = new byte[4096];
            try (var out = java.nio.file.Files.newOutputStream(filler)) {
                for (long written = 0; written < toWrite; written += block.length) {
                    out.write(block, 0, (int) Math.min(block.length, toWrite - written));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        run("umount", directory.toString());
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            if (!done) {
                System.err.println(String.join(" ", command) + " failed: " + output);
            }
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
