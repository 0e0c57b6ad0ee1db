package io.vestibule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vestibule.audit.chain.AuditFileNames;
import io.vestibule.audit.chain.FlatJson;

/** The event records in a running service's audit files ({@code audit/} of its data directory), oldest first. */
public final class AuditRecords {
    private AuditRecords() {
    }

    public static List<Map<String, Object>> of(VestibuleServer server) {
        Path audit = server.dataDirectory().resolve("audit");
        List<Map<String, Object>> events = new ArrayList<>();
        try {
            for (Path file : AuditFileNames.list(audit)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Map<String, Object> record = FlatJson.read(line);
                    if (record.containsKey("type")) {
                        events.add(record);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }
}
