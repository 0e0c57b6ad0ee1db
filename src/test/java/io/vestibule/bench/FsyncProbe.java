package io.vestibule.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/** What one forced append costs on the benchmark's disk: the floor under every journal batch. */
final class FsyncProbe {
    private static final int APPENDS = 200;

    private FsyncProbe() {
    }

    static String describe(Path directory) throws IOException {
        Path file = directory.resolve("fsync-probe");
        long[] nanos = new long[APPENDS];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            for (int i = 0; i < APPENDS; i++) {
                long began = System.nanoTime();
                channel.write(block.clear());
                channel.force(false);
                nanos[i] = System.nanoTime() - began;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "median %.2f ms, p95 %.2f ms", nanos[APPENDS / 2] / 1e6, nanos[APPENDS * 95 / 100] / 1e6);
    }
}
