package io.vestibule.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files and directories only the service account may read: keys, passphrases, the database. */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private PrivateFiles() {
    }

    public static Path directory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (POSIX) {
            Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
        }
        return directory;
    }

    /** Makes a file readable by the service account only. */
    public static void restrictToOwner(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
    }

    /**
     * Replaces a file so that a crash or a power cut leaves either the old content or the new, never neither: the new
     * content is written to a private temporary file beside the target and forced to disk, moved into place in one
     * step, and the directory forced, so that the rename itself survives. A failure anywhere leaves the target as it was.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        replace(target, content, false);
    }

    /** As {@link #writeAtomically}, keeping the old content as {@code NAME.previous} (forced too) for a restore. */
    public static void replaceKeepingPrevious(Path target, byte[] content) throws IOException {
        replace(target, content, true);
    }

    private static void replace(Path target, byte[] content, boolean keepPrevious) throws IOException {
        Path directory = directory(target.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(directory, temporaryPrefix(target), TEMPORARY_SUFFIX);
        try {
            if (POSIX) {
                Files.setPosixFilePermissions(temporary, OWNER_FILE);
            }
            writeAndForce(temporary, content);
            if (keepPrevious && Files.exists(target)) {
                replace(previousVersion(target), Files.readAllBytes(target), false);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The copy {@link #replaceKeepingPrevious} keeps of a file's content before its last replacement. */
    public static Path previousVersion(Path target) {
        return target.resolveSibling(target.getFileName() + ".previous");
    }

    /**
     * Deletes what an interrupted {@link #writeAtomically} of this target left behind; returns how many files. The
     * target and its previous version are never touched.
     */
    public static int removeStaleTemporaries(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(directory, temporaryPrefix(target) + "*" + TEMPORARY_SUFFIX)) {
            for (Path file : stale) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    private static void writeAndForce(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** A rename is durable only once its directory is; Linux lets a directory be opened for reading and forced. */
    private static void forceDirectory(Path directory) throws IOException {
        if (POSIX) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    private static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }
}
