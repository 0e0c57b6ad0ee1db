package io.vestibule.audit.chain;

import java.util.List;

/**
 * What a verification of the audit files found: how many files, lines and events it read, through which sequence
 * number, and every finding in file order. {@code openTail} counts the lines after the newest file's last signed
 * checkpoint (a running service's current file): the chain protects their order and content, but only the next
 * checkpoint protects them against being cut off the end.
 */
public record IntegrityReport(int files, long lines, long events, long lastSequence, long openTail, List<IntegrityFinding> findings) {
    public IntegrityReport {
        findings = List.copyOf(findings);
    }

    public boolean intact() {
        return findings.isEmpty();
    }
}
