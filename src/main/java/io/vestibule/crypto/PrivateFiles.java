package io.vestibule.crypto;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files and directories only the service account may read: keys, passphrases, the database. */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

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

    /** Writes to a private temporary file beside the target, then moves it into place in one step. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        directory(target.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (POSIX) {
                Files.setPosixFilePermissions(temporary, OWNER_FILE);
            }
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
