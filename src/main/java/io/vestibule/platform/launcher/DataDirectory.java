package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * What shows that the service ran here before: its TLS certificate, the embedded database or the call-record
     * journal. Empty for a first start.
     */
    public Optional<Path> traceOfEarlierRuns() {
        for (Path trace : new Path[] {tls().resolve("https-certificate.pem"), root.resolve("cdr-journal"), database()}) {
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
}
