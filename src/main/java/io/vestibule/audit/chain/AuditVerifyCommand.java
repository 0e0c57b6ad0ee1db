package io.vestibule.audit.chain;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.platform.launcher.LauncherCommand;

/**
 * {@code java -jar vestibule.jar audit verify <dir> [--certificate <pem>]}: verifies a copy of the audit files offline
 * and prints every finding as {@code file:line: kind: what}. Exit status 0 when the files are intact, 1 on any
 * finding, 2 when it cannot run (no such directory, no certificate).
 */
public final class AuditVerifyCommand implements LauncherCommand {
    /** The certificates of the checkpoint keys, which the service keeps beside its audit files. */
    public static final String CERTIFICATES = "checkpoint-certificates.pem";

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String usage() {
        return "audit verify <dir> [--certificate <pem>]   check the audit files in <dir> (vestibule-data or its audit/); exit 1 on\n"
                + "          any deleted, altered, inserted or reordered record; checkpoints verified with the certificate(s) given,\n"
                + "          or those in <dir>/" + CERTIFICATES;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        boolean wellFormed = arguments.size() == 2 || arguments.size() == 4 && arguments.get(2).equals("--certificate");
        if (!wellFormed || !arguments.get(0).equals("verify")) {
            err.println("Usage: java -jar vestibule.jar " + usage());
            return 2;
        }
        Path directory = Path.of(arguments.get(1));
        if (!Files.isDirectory(directory)) {
            err.println("vestibule: " + directory + " is not a directory");
            return 2;
        }
        // A copy of the whole data directory is given as readily as its audit/ folder.
        if (Files.isDirectory(directory.resolve("audit")) && !Files.exists(directory.resolve(CERTIFICATES))) {
            directory = directory.resolve("audit");
        }
        Path certificates = arguments.size() == 4 ? Path.of(arguments.get(3)) : directory.resolve(CERTIFICATES);
        if (!Files.isRegularFile(certificates)) {
            err.println("vestibule: no checkpoint certificate file " + certificates + "; give the one you keep with --certificate <pem>");
            return 2;
        }
        Map<String, PublicKey> trusted = new LinkedHashMap<>();
        try {
            for (X509Certificate certificate : PemFiles.readCertificates(certificates)) {
                trusted.put(AuditCheckpoints.fingerprint(certificate.getPublicKey()), certificate.getPublicKey());
            }
        } catch (IOException e) {
            err.println("vestibule: cannot read the checkpoint certificates " + certificates + ": " + e.getMessage());
            return 2;
        }
        IntegrityReport report;
        try {
            report = new AuditChainVerifier(CryptoPolicy.standard(), trusted).verify(directory);
        } catch (IOException e) {
            err.println("vestibule: cannot read the audit files in " + directory + ": " + e.getMessage());
            return 2;
        }
        out.println("Checkpoint keys trusted (SHA-256 of the public key; compare with the console's): " + String.join(", ", trusted.keySet()));
        report.findings().forEach(out::println);
        out.println(report.files() + " files, " + report.lines() + " lines, " + report.events() + " events, through record " + report.lastSequence()
                + (report.openTail() > 0 ? "; the newest file's last " + report.openTail() + " lines await their checkpoint" : "") + ": "
                + (report.intact() ? "intact" : report.findings().size() + " findings"));
        return report.intact() ? 0 : 1;
    }
}
