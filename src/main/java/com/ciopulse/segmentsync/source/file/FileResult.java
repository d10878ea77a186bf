package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.outcome.RunReport;
import com.ciopulse.segmentsync.segment.SanitizedValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The result of one dropped file: counts per outcome, every record that did not simply go through, and every value
 * sent otherwise than the file held it (before and after), written next to the moved file as
 * {@code <done name>.result.json}. The listed records and values are spooled to temporary files as they come, so a
 * file with a million bad rows does not fill the heap; {@link #close()} removes them.
 *
 * <p>The done name is the file's name behind a timestamp and a random suffix, so a file dropped again under the
 * same name never meets an earlier one in the done folder.
 */
public final class FileResult implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter ROW = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .writerFor(ResultRow.class);
    private static final ObjectWriter SANITIZED_ROW = new ObjectMapper().writerFor(SanitizedRow.class);
    /** The outcome label of a row a later row of the same file gives again. */
    static final String SUPERSEDED = "superseded";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final String source;
    private final String fileName;
    private final String doneName;
    private final Instant startedAt;
    private final Clock clock;
    private final Map<String, Long> counts = new TreeMap<>();
    /** A full snapshot's reconcile: what it did to owned segments the file no longer holds, one count per segment. */
    private final Map<String, Long> beyondTheFile = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Closeable> openFiles = new ArrayList<>();
    private long records;
    private String empty;
    private String failure;
    private Path spool;
    private BufferedWriter spoolWriter;
    /** The values sent otherwise than the file held them, spooled like the listed records. */
    private Path sanitizedSpool;
    private BufferedWriter sanitizedWriter;
    private long sanitizedRecords;

    FileResult(String source, String fileName, Clock clock) {
        this.source = source;
        this.fileName = fileName;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.doneName = STAMP.format(startedAt) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24))
                + "-" + fileName;
    }

    /**
     * Starts the result of the file a source route has just picked up. Whatever happens to the exchange, the file
     * is closed and the spooled rows are removed when it ends.
     */
    public static FileResult start(Exchange exchange) {
        FileResult result = new FileResult(exchange.getFromRouteId(),
                exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class), Clock.systemUTC());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                result.close();
            }
        });
        return result;
    }

    String source() {
        return source;
    }

    /** The name the file gets in the done or error folder. */
    public String doneName() {
        return doneName;
    }

    String fileName() {
        return fileName;
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    /** The file was read to its end and held no record, only a header row when {@code headerOnly}. */
    void noRecords(boolean headerOnly) {
        empty = headerOnly ? RunReport.HEADER_ONLY : RunReport.NO_RECORDS;
    }

    /** A file being read for this result; closed with it, should the reading stop early. */
    void reading(Closeable file) {
        openFiles.add(file);
    }

    /** A record that went through: only counted. */
    void count(String outcome) {
        records++;
        counts.merge(outcome, 1L, Long::sum);
    }

    /** An owned segment a full snapshot no longer holds, and what the reconcile did to it (e.g. deactivated). */
    void countBeyondTheFile(String outcome) {
        beyondTheFile.merge(outcome, 1L, Long::sum);
    }

    /** A record that did not simply go through: counted and listed. */
    void list(ResultRow row) {
        count(row.outcome());
        try {
            if (spoolWriter == null) {
                spool = Files.createTempFile("segment-sync-result-", ".jsonl");
                spoolWriter = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
            }
            spoolWriter.write(ROW.writeValueAsString(row));
            spoolWriter.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the result of " + fileName, e);
        }
    }

    /** A record whose values were sent otherwise than the file held them: each change is listed, with its line. */
    void sanitized(int record, long line, String systemId, List<SanitizedValue> values) {
        sanitizedRecords++;
        try {
            if (sanitizedWriter == null) {
                sanitizedSpool = Files.createTempFile("segment-sync-sanitized-", ".jsonl");
                sanitizedWriter = Files.newBufferedWriter(sanitizedSpool, StandardCharsets.UTF_8);
            }
            for (SanitizedValue value : values) {
                sanitizedWriter.write(SANITIZED_ROW.writeValueAsString(SanitizedRow.of(record, line, systemId, value)));
                sanitizedWriter.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the result of " + fileName, e);
        }
    }

    /** The file could not be read as a whole: it goes to the error folder for this reason. */
    public void fail(String reason) {
        this.failure = reason;
    }

    /**
     * Writes the result into the folder the file is about to be moved to, under the file's done name plus
     * {@code .result.json} (first as {@code .part}, then renamed, so a reader never sees half a result).
     *
     * @param fileFolder   the folder the file was dropped into
     * @param targetFolder the done or error folder, relative to {@code fileFolder} or absolute
     */
    public Path write(String fileFolder, String targetFolder) throws IOException {
        Path folder = Path.of(fileFolder).resolve(targetFolder);
        Files.createDirectories(folder);
        Path target = folder.resolve(doneName + ".result.json");
        Path part = folder.resolve(doneName + ".result.json.part");
        if (spoolWriter != null) {
            spoolWriter.close();
        }
        createReadableByOwnerAndGroup(part);
        try (JsonGenerator json = JSON.createGenerator(Files.newBufferedWriter(part, StandardCharsets.UTF_8))) {
            json.writeStartObject();
            json.writeStringField("source", source);
            json.writeStringField("file", fileName);
            json.writeStringField("status", failure == null ? "done" : "failed");
            json.writeStringField("movedTo", Path.of(targetFolder).resolve(doneName).toString());
            json.writeStringField("startedAt", startedAt.toString());
            json.writeStringField("finishedAt", clock.instant().toString());
            if (failure != null) {
                json.writeStringField("reason", failure);
            }
            json.writeNumberField("records", records);
            json.writeObjectField("counts", counts);
            if (!beyondTheFile.isEmpty()) {
                json.writeObjectField("leftTheSource", beyondTheFile);
            }
            json.writeObjectField("warnings", warnings);
            json.writeArrayFieldStart("problems");
            if (spool != null) {
                try (BufferedReader rows = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                    for (String row = rows.readLine(); row != null; row = rows.readLine()) {
                        json.writeRawValue(row);
                    }
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("sanitized");
            copyRows(sanitizedSpool, sanitizedWriter, json);
            json.writeEndArray();
            json.writeEndObject();
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static void copyRows(Path spooled, BufferedWriter writer, JsonGenerator json) throws IOException {
        if (spooled == null) {
            return;
        }
        writer.close();
        try (BufferedReader rows = Files.newBufferedReader(spooled, StandardCharsets.UTF_8)) {
            for (String row = rows.readLine(); row != null; row = rows.readLine()) {
                json.writeRawValue(row);
            }
        }
    }

    /** A result lists ids, names and reasons from the file: not for every user of the machine (rw-r-----). */
    private static void createReadableByOwnerAndGroup(Path file) throws IOException {
        Files.deleteIfExists(file); // a part a crash left behind
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        }
    }

    /**
     * What the file adds to the run history: its counts and those of the segments that left a full snapshot (the same
     * figures as the run report); a file that failed as a whole is one rejected input.
     */
    public Map<String, Long> runCounts() {
        if (failure != null) {
            return Map.of("rejected", 1L);
        }
        Map<String, Long> all = new TreeMap<>(counts);
        beyondTheFile.forEach((outcome, n) -> all.merge(outcome, n, Long::sum));
        return all;
    }

    /**
     * What the file adds to its source's line in the run report beyond the outcomes: itself, the rows a later row
     * superseded, its warnings, and whether it held no record.
     */
    public Map<String, Long> inputFacts() {
        Map<String, Long> facts = new TreeMap<>();
        facts.put(RunReport.FILES, 1L);
        if (failure != null) {
            return facts;
        }
        facts.put(RunReport.SUPERSEDED, counts.getOrDefault(SUPERSEDED, 0L));
        facts.put(RunReport.FILE_WARNINGS, (long) warnings.size());
        if (empty != null) {
            facts.put(empty, 1L);
        }
        return facts;
    }

    /** One line for the log: {@code units.csv: 6 records: created 3, rejected 1, superseded 2}. */
    public String summary() {
        if (failure != null) {
            return fileName + ": failed: " + failure;
        }
        return fileName + ": " + records + " records" + (counts.isEmpty() ? "" : ": " + joined(counts))
                + (sanitizedRecords == 0 ? "" : "; sanitized " + sanitizedRecords)
                + (beyondTheFile.isEmpty() ? "" : "; owned segments that left the source: " + joined(beyondTheFile));
    }

    private static String joined(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(count -> count.getKey() + " " + count.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Closes what is still open of the file and removes the spooled rows. */
    @Override
    public void close() {
        for (Closeable file : openFiles) {
            closeQuietly(file);
        }
        openFiles.clear();
        try {
            if (spoolWriter != null) {
                spoolWriter.close();
            }
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
            if (sanitizedWriter != null) {
                sanitizedWriter.close();
            }
            if (sanitizedSpool != null) {
                Files.deleteIfExists(sanitizedSpool);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + spool, e);
        }
    }

    private static void closeQuietly(Closeable file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // the file was only read; nothing is lost when closing it fails
        }
    }

    @Override
    public String toString() {
        return summary();
    }
}
