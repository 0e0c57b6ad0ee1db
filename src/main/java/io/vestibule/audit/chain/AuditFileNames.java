package io.vestibule.audit.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The audit files of a directory, {@code audit-00000001.jsonl} onwards, numbered in the order they were written. */
public final class AuditFileNames {
    private static final Pattern NAME = Pattern.compile("audit-(\\d{8})\\.jsonl");

    private AuditFileNames() {
    }

    public static Path file(Path directory, long number) {
        return directory.resolve(String.format("audit-%08d.jsonl", number));
    }

    public static Optional<Long> number(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    /** Oldest first. */
    public static List<Path> list(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(entry -> number(entry).isPresent() && Files.isRegularFile(entry)).forEach(files::add);
        }
        files.sort(Comparator.comparing(file -> number(file).orElseThrow()));
        return files;
    }
}
