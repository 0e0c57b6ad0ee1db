package io.vestibule.audit.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.audit.chain.AuditFileNames;
import io.vestibule.audit.chain.AuditLines;
import io.vestibule.audit.chain.FlatJson;
import io.vestibule.audit.chain.IntegrityReport;

import static org.assertj.core.api.Assertions.assertThat;

class ChainedAuditFilesTest {
    private static final AuditFileLimits SMALL = new AuditFileLimits(1024, 1024 * 1024);

    @TempDir
    Path directory;

    @Test
    void rotatesAtTheSizeAndChainsEveryFileToTheOneBefore() {
        AuditFilesFixture fixture = new AuditFilesFixture(directory);
        fixture.writeClosed(SMALL, 40);

        List<Path> files = fixture.files();
        assertThat(files).hasSizeGreaterThan(3);
        for (Path file : files) {
            List<String> lines = fixture.lines(file);
            assertThat(FlatJson.read(lines.get(0))).containsEntry(AuditLines.KIND, AuditLines.HEADER);
            assertThat(FlatJson.read(lines.get(lines.size() - 1))).containsEntry(AuditLines.KIND, AuditLines.CHECKPOINT);
            // An event never pushes a file past the rotation size; only the checkpoint that closes it may.
            long withoutCheckpoint = String.join("\n", lines.subList(0, lines.size() - 1)).length() + 1;
            assertThat(withoutCheckpoint).isLessThanOrEqualTo(SMALL.rotateBytes());
        }
        Map<String, Object> secondHeader = FlatJson.read(fixture.lines(files.get(1)).get(0));
        List<String> first = fixture.lines(files.get(0));
        assertThat(secondHeader.get(AuditLines.PREVIOUS)).isEqualTo(new AuditLines(AuditFilesFixture.POLICY).hash(first.get(first.size() - 1)));

        IntegrityReport report = fixture.verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.events()).isEqualTo(40);
        assertThat(report.openTail()).isZero();
    }

    @Test
    void theCapDeletesTheOldestFilesFirstAndTheVerifierKnowsIt() {
        AuditFilesFixture fixture = new AuditFilesFixture(directory);
        AuditFileLimits capped = new AuditFileLimits(1024, 3 * 1024);
        fixture.writeClosed(capped, 60);

        List<Path> files = fixture.files();
        long total = files.stream().mapToLong(file -> file.toFile().length()).sum();
        assertThat(total).isLessThanOrEqualTo(capped.keepBytes() + 512);
        long oldest = AuditFileNames.number(files.get(0)).orElseThrow();
        long newest = AuditFileNames.number(files.get(files.size() - 1)).orElseThrow();
        assertThat(oldest).isGreaterThan(1);
        assertThat(newest - oldest + 1).isEqualTo(files.size());
        assertThat(FlatJson.read(fixture.lines(files.get(files.size() - 1)).get(0))).containsEntry(AuditLines.RETIRED_THROUGH, oldest - 1);
        assertThat(fixture.verify().findings()).isEmpty();
    }

    @Test
    void aFullDiskCountsWhatIsNotWrittenAndTheNextRecordSaysHowMany() throws IOException {
        AuditFilesFixture fixture = new AuditFilesFixture(directory);
        AtomicLong room = new AtomicLong(700);
        ChainedAuditFiles files = fixture.writer(SMALL, file -> new DiskFullChannel(ChainedAuditFiles.openForAppending(file), room));
        files.open();
        int written = 0;
        while (files.append(fixture.event())) {
            written++;
        }
        assertThat(written).isPositive();
        assertThat(files.unwritten()).isEqualTo(1);
        assertThat(files.lastFailure()).contains("No space left on device");
        assertThat(files.append(fixture.event())).isFalse();
        assertThat(files.unwritten()).isEqualTo(2);
        Path file = fixture.files().get(0);
        // The failed writes left no partial line behind.
        assertThat(Files.readString(file)).endsWith("\n");

        room.set(1 << 20);
        assertThat(files.append(fixture.event())).isTrue();
        assertThat(files.unwritten()).isZero();
        assertThat(files.unwrittenSinceStart()).isEqualTo(2);
        List<String> lines = fixture.lines(file);
        assertThat(FlatJson.read(lines.get(lines.size() - 1))).containsEntry(AuditLines.UNWRITTEN_BEFORE, 2L);
        files.close();
        assertThat(fixture.verify().findings()).isEmpty();
    }

    @Test
    void aStartAfterACrashClosesTheUnfinishedFileWithoutTheLineThatWasNeverCompleted() throws IOException {
        AuditFilesFixture fixture = new AuditFilesFixture(directory);
        ChainedAuditFiles crashed = fixture.writer(SMALL);
        crashed.open();
        crashed.append(fixture.event());
        crashed.append(fixture.event());
        Path file = fixture.files().get(0);
        Files.writeString(file, "{\"seq\":4,\"prev\":\"half a li", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (ChainedAuditFiles restarted = fixture.writer(SMALL)) {
            restarted.open();
            assertThat(restarted.append(fixture.event())).isTrue();
        }

        List<String> closed = fixture.lines(file);
        assertThat(closed).hasSize(4);
        assertThat(FlatJson.read(closed.get(3))).containsEntry(AuditLines.KIND, AuditLines.CHECKPOINT);
        assertThat(fixture.files()).hasSize(2);
        IntegrityReport report = fixture.verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.events()).isEqualTo(3);
    }

    @Test
    void aLineStaysOneLineWhateverTheDetailHolds() {
        AuditFilesFixture fixture = new AuditFilesFixture(directory);
        String detail = "name \"x\"\nforged\u2028line\\ \u0001";
        Map<String, Object> read = FlatJson.read(FlatJson.write(new java.util.LinkedHashMap<>(Map.of("detail", detail))));
        assertThat(read).containsEntry("detail", detail);
        assertThat(FlatJson.write(Map.of("detail", detail))).doesNotContain("\n", "\u2028");
        fixture.writeClosed(SMALL, 1);
        assertThat(fixture.verify().intact()).isTrue();
    }
}
