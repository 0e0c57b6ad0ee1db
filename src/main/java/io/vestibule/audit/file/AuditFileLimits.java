package io.vestibule.audit.file;

/**
 * How large one audit file grows before the next is started, and how many bytes of files are kept (the oldest
 * deleted first to stay under it). R-AUD-2 asks for 10 MB and 2 GB.
 */
public record AuditFileLimits(long rotateBytes, long keepBytes) {
    public static final AuditFileLimits PRODUCT = new AuditFileLimits(10L * 1024 * 1024, 2L * 1024 * 1024 * 1024);

    public AuditFileLimits {
        if (rotateBytes < 1024) {
            throw new IllegalArgumentException("An audit file must be allowed at least 1024 bytes, not " + rotateBytes);
        }
        if (keepBytes < 2 * rotateBytes) {
            throw new IllegalArgumentException("At least two audit files must be kept: " + keepBytes + " bytes is under twice " + rotateBytes);
        }
    }
}
