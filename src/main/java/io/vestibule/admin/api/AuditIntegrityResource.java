package io.vestibule.admin.api;

import java.io.IOException;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.chain.IntegrityFinding;
import io.vestibule.audit.chain.IntegrityReport;
import io.vestibule.audit.file.LocalAuditFiles;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.json.JsonBuilders;

/**
 * Verifies the audit files now (R-AUD-2) and reports every finding with its file and line; a finding also raises the
 * {@code audit.integrity} alarm. Permission "view logs", the Auditor's; asking is itself audited.
 */
@Path("/audit/integrity")
@Produces(MediaType.APPLICATION_JSON)
public class AuditIntegrityResource {
    @Inject
    LocalAuditFiles files;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission(Permission.VIEW_LOGS)
    public String verify() {
        IntegrityReport report;
        try {
            report = files.verify();
        } catch (IOException e) {
            throw new ApiProblem(503, "audit_files_unreadable", "The audit files cannot be read: " + e.getMessage());
        }
        var findings = JsonBuilders.array();
        for (IntegrityFinding finding : report.findings()) {
            findings.add(JsonBuilders.object()
                    .add("kind", finding.kind().name().toLowerCase(Locale.ROOT))
                    .add("file", finding.file())
                    .add("line", finding.line())
                    .add("message", finding.message()));
        }
        audit.changed(AuditEventType.AUDIT_INTEGRITY_VERIFY, report.intact() ? "intact" : report.findings().size() + " findings");
        return JsonBuilders.object()
                .add("intact", report.intact())
                .add("files", report.files())
                .add("lines", report.lines())
                .add("events", report.events())
                .add("lastSequence", report.lastSequence())
                .add("awaitingCheckpoint", report.openTail())
                .add("checkpointKey", files.keyFingerprint())
                .add("findings", findings)
                .build().toString();
    }
}
