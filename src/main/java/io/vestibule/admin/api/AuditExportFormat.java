package io.vestibule.admin.api;

import java.util.Arrays;
import java.util.Locale;

import io.vestibule.audit.AuditCsv;
import io.vestibule.platform.api.ApiProblem;

/** How an audit export is written: CSV for spreadsheets, JSON lines (one event object per line) for tools. */
enum AuditExportFormat {
    CSV("text/csv; charset=utf-8", AuditCsv.HEADER),
    JSONL("application/x-ndjson; charset=utf-8", "");

    private final String mediaType;
    private final String header;

    AuditExportFormat(String mediaType, String header) {
        this.mediaType = mediaType;
        this.header = header;
    }

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String mediaType() {
        return mediaType;
    }

    String header() {
        return header;
    }

    /** The format a {@code format} parameter names; CSV when it is absent. */
    static AuditExportFormat named(String text) {
        if (text == null || text.isBlank()) {
            return CSV;
        }
        return Arrays.stream(values()).filter(format -> format.apiName().equals(text.strip())).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("format", "one_of", "'format' is csv or jsonl."));
    }
}
