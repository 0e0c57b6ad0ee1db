package io.vestibule.audit.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Checks a directory of audit files (R-AUD-2) and names every deleted, altered, inserted or reordered record by file
 * and line. Plain Java over the JDK only: the launcher's {@code audit verify} command runs it without the service,
 * and the admin API runs it inside.
 *
 * <p>It reads every line, then judges by sequence number: a number seen twice is an insertion (the copy that does
 * not link to its predecessor), numbers out of order are reorderings (the fewest lines that, moved back, restore the
 * order), numbers never seen are deletions, and a record whose successor's {@code prev} is not its hash was altered.
 * Signed checkpoints close each file: a file other than the newest without one was truncated, and a checkpoint that
 * does not verify under a trusted key was altered or forged. About 60 bytes of memory per line are held while it runs.
 */
public final class AuditChainVerifier {
    private static final Pattern LEADING_SEQUENCE = Pattern.compile("^\\{\"seq\":(\\d{1,18}),");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final AuditLines lines;
    private final AuditCheckpoints checkpoints;
    private final Map<String, PublicKey> trustedKeys;

    /** {@code trustedKeys}: the checkpoint keys the auditor accepts, by {@link AuditCheckpoints#fingerprint}. */
    public AuditChainVerifier(CryptoPolicy policy, Map<String, PublicKey> trustedKeys) {
        this.lines = new AuditLines(policy);
        this.checkpoints = new AuditCheckpoints(policy);
        this.trustedKeys = Map.copyOf(trustedKeys);
    }

    public IntegrityReport verify(Path directory) throws IOException {
        List<Path> files = AuditFileNames.list(directory);
        List<IntegrityFinding> findings = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        String[] names = new String[files.size()];
        long retiredThrough = 0;
        long events = 0;
        long lineCount = 0;
        long openTail = 0;
        for (int index = 0; index < files.size(); index++) {
            Path file = files.get(index);
            String name = file.getFileName().toString();
            names[index] = name;
            long number = AuditFileNames.number(file).orElseThrow();
            boolean newest = index == files.size() - 1;
            if (index > 0) {
                long previous = AuditFileNames.number(files.get(index - 1)).orElseThrow();
                if (number != previous + 1) {
                    findings.add(new IntegrityFinding(IntegrityFinding.Kind.DELETED, name, 0, "the file(s) before it, "
                            + range(AuditFileNames.file(directory, previous + 1), AuditFileNames.file(directory, number - 1)) + ", are missing"));
                }
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String[] split = content.split("\n", -1);
            int complete = split.length - 1;
            if (!split[complete].isEmpty() && !newest) {
                // The newest file's unfinished last line is a write in progress; anywhere else it is a cut.
                findings.add(new IntegrityFinding(IntegrityFinding.Kind.TRUNCATED, name, complete + 1L, "the file ends inside this line"));
            }
            String lastKind = null;
            for (int i = 0; i < complete; i++) {
                String line = split[i];
                long lineNumber = i + 1L;
                lineCount++;
                String hash = lines.hash(line);
                Map<String, Object> fields;
                try {
                    fields = FlatJson.read(line);
                } catch (IllegalArgumentException unreadable) {
                    fields = null;
                }
                if (fields == null || !(fields.get(AuditLines.SEQUENCE) instanceof Long sequence)
                        || !(fields.get(AuditLines.PREVIOUS) instanceof String previous) || !HASH.matcher(previous).matches()
                        || !(fields.get(AuditLines.KIND) instanceof String kind)) {
                    findings.add(new IntegrityFinding(IntegrityFinding.Kind.ALTERED, name, lineNumber, "the line is not an audit record"));
                    Matcher leading = LEADING_SEQUENCE.matcher(line);
                    if (leading.find()) {
                        entries.add(new Entry(Long.parseLong(leading.group(1)), index, lineNumber, hash, null, true));
                    }
                    lastKind = null;
                    continue;
                }
                entries.add(new Entry(sequence, index, lineNumber, hash, previous, false));
                lastKind = kind;
                switch (kind) {
                    case AuditLines.HEADER -> {
                        if (i != 0 || !Long.valueOf(number).equals(fields.get(AuditLines.FILE))) {
                            findings.add(new IntegrityFinding(IntegrityFinding.Kind.INSERTED, name, lineNumber, "a header that is not this file's first line"));
                        }
                        if (fields.get(AuditLines.RETIRED_THROUGH) instanceof Long retired) {
                            retiredThrough = Math.max(retiredThrough, retired);
                        }
                    }
                    case AuditLines.EVENT -> events++;
                    case AuditLines.CHECKPOINT -> checkCheckpoint(fields, number, lineNumber, name, findings);
                    default -> findings.add(new IntegrityFinding(IntegrityFinding.Kind.ALTERED, name, lineNumber, "unknown kind of line '" + kind + "'"));
                }
                if (i == 0 && !AuditLines.HEADER.equals(kind)) {
                    findings.add(new IntegrityFinding(IntegrityFinding.Kind.DELETED, name, 1, "the file's header is missing"));
                }
            }
            if (newest) {
                openTail = AuditLines.CHECKPOINT.equals(lastKind) ? 0 : complete;
            } else if (!AuditLines.CHECKPOINT.equals(lastKind)) {
                findings.add(new IntegrityFinding(IntegrityFinding.Kind.TRUNCATED, name, complete, "the file ends without its signed checkpoint"));
            }
        }
        if (!files.isEmpty()) {
            long first = AuditFileNames.number(files.get(0)).orElseThrow();
            if (first > retiredThrough + 1) {
                findings.add(new IntegrityFinding(IntegrityFinding.Kind.DELETED, names[0], 0, "older files are missing: the size cap removed files up to number "
                        + retiredThrough + ", but " + range(AuditFileNames.file(directory, retiredThrough + 1), AuditFileNames.file(directory, first - 1)) + " are gone too"));
            }
        }
        long lastSequence = judgeSequence(entries, names, findings);
        findings.sort(Comparator.comparing(IntegrityFinding::file).thenComparingLong(IntegrityFinding::line));
        return new IntegrityReport(files.size(), lineCount, events, lastSequence, openTail, findings);
    }

    private void checkCheckpoint(Map<String, Object> fields, long number, long lineNumber, String name, List<IntegrityFinding> findings) {
        if (!checkpoints.valid(trustedKeys, fields)) {
            findings.add(new IntegrityFinding(IntegrityFinding.Kind.ALTERED, name, lineNumber, trustedKeys.containsKey(String.valueOf(fields.get(AuditLines.KEY)))
                    ? "the checkpoint's signature does not verify" : "the checkpoint is signed by a key that is not trusted (" + fields.get(AuditLines.KEY) + ")"));
            return;
        }
        if (!Long.valueOf(number).equals(fields.get(AuditLines.FILE))) {
            findings.add(new IntegrityFinding(IntegrityFinding.Kind.INSERTED, name, lineNumber, "the checkpoint closes file " + fields.get(AuditLines.FILE) + ", not this one"));
        }
        long counted = (Long) fields.get(AuditLines.LINES);
        if (counted != lineNumber - 1) {
            findings.add(new IntegrityFinding(counted > lineNumber - 1 ? IntegrityFinding.Kind.DELETED : IntegrityFinding.Kind.INSERTED, name, lineNumber,
                    "the checkpoint signed " + counted + " lines before it; the file has " + (lineNumber - 1)));
        }
    }

    /** Duplicates, reorderings, gaps and broken links, judged by sequence number; returns the highest number seen. */
    private long judgeSequence(List<Entry> entries, String[] names, List<IntegrityFinding> findings) {
        Map<Long, List<Entry>> bySequence = new HashMap<>();
        entries.forEach(entry -> bySequence.computeIfAbsent(entry.sequence, any -> new ArrayList<>(1)).add(entry));
        Map<Long, Entry> genuine = new HashMap<>();
        for (Map.Entry<Long, List<Entry>> same : bySequence.entrySet()) {
            List<Entry> candidates = same.getValue();
            Entry chosen = candidates.get(0);
            if (candidates.size() > 1) {
                List<Entry> before = bySequence.getOrDefault(same.getKey() - 1, List.of());
                chosen = candidates.stream().filter(candidate -> before.stream().anyMatch(predecessor -> predecessor.links(candidate)))
                        .findFirst().orElse(chosen);
                for (Entry copy : candidates) {
                    if (copy != chosen) {
                        findings.add(new IntegrityFinding(IntegrityFinding.Kind.INSERTED, names[copy.file], copy.line, "a second record "
                                + copy.sequence + "; the one that belongs in the chain is at " + names[chosen.file] + ":" + chosen.line));
                    }
                }
            }
            genuine.put(same.getKey(), chosen);
        }
        List<Entry> inFileOrder = entries.stream().filter(entry -> genuine.get(entry.sequence) == entry).toList();
        boolean[] inOrder = longestIncreasingRun(inFileOrder);
        for (int i = 0; i < inFileOrder.size(); i++) {
            if (!inOrder[i]) {
                Entry moved = inFileOrder.get(i);
                Entry predecessor = genuine.get(moved.sequence - 1);
                findings.add(new IntegrityFinding(IntegrityFinding.Kind.REORDERED, names[moved.file], moved.line, "record " + moved.sequence + " is out of order"
                        + (predecessor == null ? "" : "; it was written after " + names[predecessor.file] + ":" + predecessor.line)));
            }
        }
        long[] sequences = genuine.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        for (int i = 0; i < sequences.length; i++) {
            Entry entry = genuine.get(sequences[i]);
            if (i > 0 && sequences[i] > sequences[i - 1] + 1) {
                findings.add(new IntegrityFinding(IntegrityFinding.Kind.DELETED, names[entry.file], entry.line, "records " + (sequences[i - 1] + 1)
                        + (sequences[i] - 1 > sequences[i - 1] + 1 ? " to " + (sequences[i] - 1) : "") + " are missing before this line"));
            }
            if (entry.unreadable) {
                continue;
            }
            Entry predecessor = genuine.get(sequences[i] - 1);
            if (sequences[i] == 1 && !AuditLines.GENESIS.equals(entry.previous)) {
                findings.add(new IntegrityFinding(IntegrityFinding.Kind.ALTERED, names[entry.file], entry.line, "the first record does not start the chain"));
            } else if (predecessor != null && !predecessor.unreadable && !predecessor.links(entry)) {
                findings.add(new IntegrityFinding(IntegrityFinding.Kind.ALTERED, names[predecessor.file], predecessor.line, "record " + predecessor.sequence
                        + " changed after it was written: the next record (" + names[entry.file] + ":" + entry.line + ") holds another hash for it"));
            }
        }
        return sequences.length == 0 ? 0 : sequences[sequences.length - 1];
    }

    /** Marks the longest strictly increasing run of sequence numbers in file order; the others are the moved lines. */
    private static boolean[] longestIncreasingRun(List<Entry> entries) {
        int n = entries.size();
        int[] tails = new int[n];
        int[] parent = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            long sequence = entries.get(i).sequence;
            int low = 0;
            int high = length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (entries.get(tails[middle]).sequence < sequence) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            parent[i] = low > 0 ? tails[low - 1] : -1;
            tails[low] = i;
            length = Math.max(length, low + 1);
        }
        boolean[] kept = new boolean[n];
        for (int i = length > 0 ? tails[length - 1] : -1; i >= 0; i = parent[i]) {
            kept[i] = true;
        }
        return kept;
    }

    private static String range(Path first, Path last) {
        return first.equals(last) ? first.getFileName().toString() : first.getFileName() + " to " + last.getFileName();
    }

    /** A line reduced to what the judgement needs: 128 bits of each hash are enough to match links. */
    private static final class Entry {
        final long sequence;
        final int file;
        final long line;
        final long hashHigh;
        final long hashLow;
        final long previousHigh;
        final long previousLow;
        final String previous;
        final boolean unreadable;

        Entry(long sequence, int file, long line, String hash, String previous, boolean unreadable) {
            this.sequence = sequence;
            this.file = file;
            this.line = line;
            this.hashHigh = HexFormat.fromHexDigitsToLong(hash, 0, 16);
            this.hashLow = HexFormat.fromHexDigitsToLong(hash, 16, 32);
            this.previousHigh = unreadable ? 0 : HexFormat.fromHexDigitsToLong(previous, 0, 16);
            this.previousLow = unreadable ? 0 : HexFormat.fromHexDigitsToLong(previous, 16, 32);
            // Only the first record's is compared as text (with the genesis value); the others are not kept.
            this.previous = sequence == 1 ? previous : null;
            this.unreadable = unreadable;
        }

        boolean links(Entry next) {
            return !next.unreadable && next.previousHigh == hashHigh && next.previousLow == hashLow;
        }
    }
}
