package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;

import io.vestibule.crypto.PrivateFiles;

/**
 * The service's data directory ({@code VESTIBULE_DATA_DIR}): keys, TLS material and the embedded database,
 * readable by the service account only. One running service owns it at a time.
 */
public record DataDirectory(Path root) {

    public Path keys() {
        return root.resolve("keys");
    }

    public Path masterKeyStore() {
        return keys().resolve("master.p12");
    }

    public Path masterPassphrase() {
        return keys().resolve("master.pass");
    }

    public Path tls() {
        return root.resolve("tls");
    }

    public Path database() {
        return root.resolve("db");
    }

    public Path runtime() {
        return root.resolve("runtime");
    }

    /** Payara Micro's own directory: its configuration and the deployed application. */
    public Path payara() {
        return runtime().resolve("payara");
    }

    /**
     * What shows that the service ran here before: its TLS certificate, the embedded database, the call-record
     * journal or the audit files. Empty for a first start.
     */
    public Optional<Path> traceOfEarlierRuns() {
        for (Path trace : new Path[] {tls().resolve("https-certificate.pem"), root.resolve("cdr-journal"), root.resolve("audit"), database()}) {
            try (Stream<Path> entries = Files.isDirectory(trace) ? Files.list(trace) : Stream.of(trace)) {
                if (entries.anyMatch(Files::exists)) {
                    return Optional.of(trace);
                }
            } catch (IOException unreadable) {
                return Optional.of(trace);
            }
        }
        return Optional.empty();
    }

    /** Creates the directories with owner-only permissions and takes the directory's lock for this process. */
    public FileLock prepareAndLock() {
        try {
            for (Path directory : new Path[] {root, keys(), tls(), database(), runtime()}) {
                PrivateFiles.directory(directory);
            }
            FileChannel channel = FileChannel.open(root.resolve("vestibule.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LaunchFailure("Another Vestibule is running with the data directory " + root);
            }
            return lock;
        } catch (IOException e) {
            throw new LaunchFailure("Cannot prepare the data directory " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Empties Payara's directory, for a service that holds the lock. Payara would otherwise start from an earlier
     * start's configuration, or another version's, and the launcher's commands would create what exists already.
     */
    public Path emptyPayaraDirectory() {
        try {
            if (Files.exists(payara(), LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(payara(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                        if (failure != null) {
                            throw failure;
                        }
                        Files.delete(directory);
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            return PrivateFiles.directory(payara());
        } catch (IOException e) {
            throw new LaunchFailure("Cannot empty " + payara() + " in the data directory (VESTIBULE_DATA_DIR): " + e.getMessage(), e);
        }
    }
}
