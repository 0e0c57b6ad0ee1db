package io.vestibule.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.audit.file.AuditFileLimits;
import io.vestibule.audit.file.AuditFilesFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Damage done to closed audit files, each reported with its kind, file and line. */
class AuditChainVerifierTest {
    private static final AuditFileLimits SMALL = new AuditFileLimits(1024, 1024 * 1024);

    /** Written once (each line is forced to disk, which is slow on a busy machine) and copied for each test. */
    @TempDir
    static Path written;

    @TempDir
    Path directory;

    private AuditFilesFixture fixture;
    private Path second;
    private String secondName;

    @BeforeAll
    static void writeFourOrMoreFiles() {
        AuditFilesFixture original = new AuditFilesFixture(written);
        original.writeClosed(SMALL, 30);
        assertThat(original.files()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(original.verify().findings()).isEmpty();
    }

    @BeforeEach
    void copyTheFiles() throws IOException {
        fixture = new AuditFilesFixture(directory);
        for (Path file : new AuditFilesFixture(written).files()) {
            Files.copy(file, directory.resolve(file.getFileName()));
        }
        second = fixture.files().get(1);
        secondName = second.getFileName().toString();
    }

    @Test
    void aDeletedLineIsReportedWhereItWas() {
        List<String> lines = fixture.lines(second);
        lines.remove(2);
        fixture.rewrite(second, lines);

        assertThat(fixture.verify().findings()).extracting(IntegrityFinding::kind, IntegrityFinding::file, IntegrityFinding::line)
                .contains(tuple(IntegrityFinding.Kind.DELETED, secondName, 3L));
    }

    @Test
    void anEditedLineIsReportedAsAltered() {
        List<String> lines = fixture.lines(second);
        lines.set(2, lines.get(2).replace("dave", "mallory"));
        fixture.rewrite(second, lines);

        assertThat(fixture.verify().findings()).extracting(IntegrityFinding::kind, IntegrityFinding::file, IntegrityFinding::line)
                .containsExactly(tuple(IntegrityFinding.Kind.ALTERED, secondName, 3L));
    }

    @Test
    void twoSwappedLinesAreReportedAsReorderedAndNothingElse() {
        List<String> lines = fixture.lines(second);
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        fixture.rewrite(second, lines);

        List<IntegrityFinding> findings = fixture.verify().findings();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).kind()).isEqualTo(IntegrityFinding.Kind.REORDERED);
        assertThat(findings.get(0).file()).isEqualTo(secondName);
        assertThat(findings.get(0).line()).isIn(3L, 4L);
    }

    @Test
    void aCopiedLineIsReportedAsInserted() {
        List<String> lines = fixture.lines(second);
        lines.add(4, lines.get(2));
        fixture.rewrite(second, lines);

        assertThat(fixture.verify().findings()).extracting(IntegrityFinding::kind, IntegrityFinding::file, IntegrityFinding::line)
                .contains(tuple(IntegrityFinding.Kind.INSERTED, secondName, 5L));
    }

    @Test
    void aDeletedMiddleFileIsNamed() throws IOException {
        Files.delete(second);
        Path third = fixture.files().get(1);

        List<IntegrityFinding> findings = fixture.verify().findings();
        assertThat(findings).extracting(IntegrityFinding::kind, IntegrityFinding::file, IntegrityFinding::line)
                .contains(tuple(IntegrityFinding.Kind.DELETED, third.getFileName().toString(), 0L));
        assertThat(findings).anySatisfy(finding -> assertThat(finding.message()).contains(secondName));
    }

    @Test
    void aDeletedOldestFileIsNotMistakenForTheCap() throws IOException {
        Files.delete(fixture.files().get(0));

        assertThat(fixture.verify().findings()).extracting(IntegrityFinding::kind, IntegrityFinding::file)
                .containsExactly(tuple(IntegrityFinding.Kind.DELETED, secondName));
    }

    @Test
    void aTruncatedFileIsReportedAtItsCut() throws IOException {
        byte[] content = Files.readAllBytes(second);
        List<String> lines = fixture.lines(second);
        int cut = lines.get(0).length() + 1 + lines.get(1).length() + 1 + 10;
        Files.write(second, java.util.Arrays.copyOf(content, cut));

        assertThat(fixture.verify().findings()).extracting(IntegrityFinding::kind, IntegrityFinding::file, IntegrityFinding::line)
                .contains(tuple(IntegrityFinding.Kind.TRUNCATED, secondName, 3L));
    }

    @Test
    void aFileCutAtALineEndIsReportedForItsMissingCheckpoint() {
        List<String> lines = fixture.lines(second);
        fixture.rewrite(second, lines.subList(0, lines.size() - 2));

        assertThat(fixture.verify().findings()).extracting(IntegrityFinding::kind, IntegrityFinding::file)
                .contains(tuple(IntegrityFinding.Kind.TRUNCATED, secondName));
    }

    @Test
    void aRewrittenChainFailsOnItsCheckpoint() throws Exception {
        // The intruder recomputes every hash after an edit; without the private key the checkpoint cannot follow.
        List<String> lines = fixture.lines(second);
        AuditLines hashes = new AuditLines(AuditFilesFixture.POLICY);
        String previous = FlatJson.read(lines.get(0)).get(AuditLines.PREVIOUS).toString();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> fields = new java.util.LinkedHashMap<>(FlatJson.read(lines.get(i)));
            fields.put(AuditLines.PREVIOUS, previous);
            if (i == 2) {
                fields.put("actor", "mallory");
            }
            lines.set(i, FlatJson.write(fields));
            previous = hashes.hash(lines.get(i));
        }
        fixture.rewrite(second, lines);

        assertThat(fixture.verify().findings()).extracting(IntegrityFinding::kind, IntegrityFinding::file, IntegrityFinding::line)
                .contains(tuple(IntegrityFinding.Kind.ALTERED, secondName, (long) lines.size()));
    }

    @Test
    void checkpointsOfAnUntrustedKeyAreReported() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        var other = generator.generateKeyPair().getPublic();

        IntegrityReport report = new AuditChainVerifier(AuditFilesFixture.POLICY, Map.of(AuditCheckpoints.fingerprint(other), other)).verify(directory);
        assertThat(report.findings()).isNotEmpty().allSatisfy(finding -> {
            assertThat(finding.kind()).isEqualTo(IntegrityFinding.Kind.ALTERED);
            assertThat(finding.message()).contains("not trusted");
        });
    }

    @Test
    void theCommandExitsZeroOnIntactFilesAndOneNamingTheLineOfAnEdit(@TempDir Path signed) throws IOException {
        AuditFilesFixture certified = AuditFilesFixture.withCertificate(signed);
        certified.writeClosed(SMALL, 12);
        certified.publishCertificate();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new AuditVerifyCommand().run(List.of("verify", signed.toString()), new PrintStream(out), System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("12 events").contains("intact");

        Path first = certified.files().get(0);
        List<String> lines = certified.lines(first);
        lines.set(1, lines.get(1).replace("after 1", "after 9"));
        certified.rewrite(first, lines);
        out.reset();
        assertThat(new AuditVerifyCommand().run(List.of("verify", signed.toString()), new PrintStream(out), System.err)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(first.getFileName() + ":2: altered");

        assertThat(new AuditVerifyCommand().run(List.of("verify"), new PrintStream(out), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }
}
