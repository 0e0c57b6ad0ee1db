package io.vestibule.crypto.keys;

import java.nio.file.Path;

/**
 * The service's data directory ({@code VESTIBULE_DATA_DIR}, default {@code vestibule-data} in the working directory),
 * read from the configuration in one place ({@link CryptoResources}) and injected wherever a file under it is needed.
 */
public record DataDirectoryPath(Path path) {
    public Path resolve(String other) {
        return path.resolve(other);
    }
}
