package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.outcome.OutcomeStep;
import com.ciopulse.segmentsync.outcome.RunReport;
import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: each bad record is dropped between two good ones, through the real file-drop source,
 * the real routes and the sandbox over HTTP. Each case checks the file's result (line, field, reason), that the
 * good records reached the sandbox, and what the sandbox stored; after each case no request body on the wire
 * held a backslash. Two bundles run side by side: the defaults (names sanitized by replacing) and one with
 * {@code &clean} on and {@code sync.segments.sanitize=reject}.
 */
class BadInputCorpusTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HEADER = "system_id,segment_code,segment_name\n";

    @TempDir
    static Path work;
    static SyncHarness replacing;
    static SyncHarness cleanAndRejecting;

    /** Names the case's folder, source, system ids and codes, so cases never meet in the shared sandboxes. */
    private String id;

    @BeforeAll
    static void start() throws Exception {
        replacing = SyncHarness.start(Files.createDirectory(work.resolve("data-replacing")));
        Properties strict = new Properties();
        strict.setProperty("sync.segments-api.clean", "true");
        strict.setProperty("sync.segments.sanitize", "reject");
        cleanAndRejecting = SyncHarness.start(Files.createDirectory(work.resolve("data-clean")), strict);
    }

    @AfterAll
    static void stop() {
        replacing.close();
        cleanAndRejecting.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void name(TestInfo test) {
        id = "C" + Integer.toHexString(test.getDisplayName().hashCode() & 0xffffff).toUpperCase();
    }

    @AfterEach
    void noBackslashWentOnTheWire() {
        for (SyncHarness sync : List.of(replacing, cleanAndRejecting)) {
            assertThat(sync.sandbox.requests()).extracting(RecordedRequest::body).noneMatch(body -> body.contains("\\"));
        }
    }

    // --- the file as the parser sees it ----------------------------------------------------------------------

    @Test
    void malformedCsvQuoting() throws Exception {
        JsonNode result = syncCsv(replacing, "units.csv", bad("\"" + id + "-2\"x,X2,Broken"));

        assertGoodOnesSynced(replacing, result);
        assertProblem(result, 3, null, "rejected", "column ");
    }

    @Test
    void aCsvQuoteThatNeverCloses() throws Exception {
        JsonNode result = failedFile(replacing, "units.csv", (HEADER + good(1) + id + "-2,X2,\"Never closed\n"
                + good(3)).getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(result.get("reason").asText()).isEqualTo("units.csv: not well-formed: the quoted value that starts "
                + "on line 3 is never closed (the file ends inside it); nothing of the file was sent");
        assertNothingOfTheCaseSent(replacing);
    }

    @Test
    void wrongColumnCount() throws Exception {
        JsonNode result = syncCsv(replacing, "units.csv", HEADER + good(1) + id + "-2,X2,Too,many\n" + id
                + "-3,X3\n" + good(4));

        assertGoodOnesSynced(replacing, result, 1, 4);
        assertProblem(result, 3, null, "rejected", "has 4 values where the header has 3 columns");
        assertProblem(result, 4, null, "rejected", "has 2 values where the header has 3 columns");
        assertThat(problem(result, 3).get("systemId").asText()).isEqualTo(id + "-2");
        assertThat(problem(result, 4).get("systemId").asText()).isEqualTo(id + "-3");
    }

    /** A file cut short is not well-formed as a whole: none of it is sent, not even the good records before the cut. */
    @Test
    void truncatedJsonArray() throws Exception {
        JsonNode result = failedFile(replacing, "units.json", ("[\n" + jsonGood(1) + ",\n" + jsonGood(2) + ",\n"
                + "{\"system_id\": \"" + id + "-3\", \"segment_co").getBytes(StandardCharsets.UTF_8), Map.of("format", "json"));

        assertThat(result.get("reason").asText()).startsWith("units.json: not well-formed: line 4 (record 3, from line "
                + "4) is not valid JSON (column ").doesNotContain("[Source", "Unexpected").endsWith("; nothing of the file was sent");
        assertNothingOfTheCaseSent(replacing);
    }

    @Test
    void truncatedJsonLine() throws Exception {
        JsonNode result = syncFile(replacing, "units.jsonl", (jsonGood(1) + "\n{\"system_id\": \"" + id
                + "-2\", \"segment_co\n" + jsonGood(3) + "\n").getBytes(StandardCharsets.UTF_8), Map.of("format", "jsonl"));

        assertGoodOnesSynced(replacing, result, 1, 3);
        assertProblem(result, 2, null, "rejected", "is not valid JSON: column ");
    }

    // --- mandatory fields ---------------------------------------------------------------------------------------

    @Test
    void missingSystemId() throws Exception {
        JsonNode result = syncCsv(replacing, "units.csv", bad(",X2,No id"));

        assertGoodOnesSynced(replacing, result);
        assertProblem(result, 3, "system_id", "rejected", "is missing or blank");
    }

    @Test
    void missingCodeOfANewSegment() throws Exception {
        JsonNode result = syncCsv(replacing, "units.csv", bad(id + "-2,,Without a code"));

        assertGoodOnesSynced(replacing, result);
        assertProblem(result, 3, "segment_code", "rejected", "is missing, and creating a segment needs segment_code "
                + "and segment_name; the API answered: Field 'segment_code' is required to create a Segment");
    }

    // --- names the JSON or the API cannot take -------------------------------------------------------------------

    static Stream<Arguments> namesJsonWouldEscape() {
        return Stream.of(
                Arguments.of("double quote", "\"The \"\"Flagship\"\" Store\"", "The \"Flagship\" Store",
                        "The 'Flagship' Store", "contains a double quote (\") at position 5"),
                Arguments.of("backslash", "Back\\slash", "Back\\slash", "Back/slash",
                        "contains a backslash (\\) at position 5"),
                Arguments.of("tab", "Tab\there", "Tab<U+0009>here", "Tab here", "at position 4"),
                Arguments.of("line feed", "\"New\nline\"", "New<U+000A>line", "New line", "at position 4"),
                Arguments.of("NUL", "Nul\u0000char", "Nul<U+0000>char", "Nulchar", "at position 4"),
                Arguments.of("U+2028", "Line\u2028separator", "Line<U+2028>separator", "Line separator",
                        "at position 5"),
                Arguments.of("zero-width space", "Zero\u200Bwidth", "Zero<U+200B>width", "Zerowidth",
                        "contains an invisible formatting character U+200B (ZERO WIDTH SPACE) at position 5"));
    }

    /**
     * The default policy maps the character before the JSON is written and says so in the file's result, before
     * and after, printable; {@code reject} refuses the record.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("namesJsonWouldEscape")
    void namesWithCharactersJsonWouldEscape(String kind, String csvValue, String printed, String stored,
                                            String rejectReason) throws Exception {
        String file = bad(id + "-2," + id + "X2," + csvValue);

        JsonNode replaced = syncCsv(replacing, "units.csv", file);
        assertGoodOnesSynced(replacing, replaced, 1, 2, 3);
        assertThat(replacing.sandbox.segment(id + "-2").orElseThrow().segmentName()).isEqualTo(stored);
        assertThat(replaced.get("problems")).isEmpty();
        assertSanitized(replaced, 3, id + "-2", "segment_name", printed, stored);
        assertSanitizedCounted(replacing, 1);

        JsonNode rejected = syncCsv(cleanAndRejecting, "units.csv", file);
        assertGoodOnesSynced(cleanAndRejecting, rejected);
        assertProblem(rejected, 3, "segment_name", "rejected", "");
        assertThat(problem(rejected, 3).get("reason").asText()).as(kind).contains(rejectReason);
        assertThat(rejected.get("sanitized")).isEmpty();
    }

    /** Both policies trim a name and collapse its runs of whitespace; either way the change is reported. */
    @Test
    void spacesInNamesAreTrimmedAndCollapsedAndReported() throws Exception {
        String file = bad(id + "-2," + id + "X2,\"  Many   spaces\u00A0\u00A0here  \"");

        for (SyncHarness sync : List.of(replacing, cleanAndRejecting)) {
            JsonNode result = syncCsv(sync, "units.csv", file);

            assertGoodOnesSynced(sync, result, 1, 2, 3);
            assertThat(sync.sandbox.segment(id + "-2").orElseThrow().segmentName()).isEqualTo("Many spaces here");
            assertSanitized(result, 3, id + "-2", "segment_name", "  Many   spaces\u00A0\u00A0here  ",
                    "Many spaces here");
        }
    }

    /** A name nothing is left of is left out of the payload (the API keeps its name), and that is reported too. */
    @Test
    void aNameOfInvisibleCharactersOnlyIsLeftOutAndReported() throws Exception {
        assertGoodOnesSynced(replacing, syncCsv(replacing, "units.csv", HEADER + good(1)), 1);

        JsonNode result = syncCsv(replacing, "units.csv", "system_id,segment_code,segment_name,active\n"
                + id + "-1,,\"\u0000\u200B\",n\n");

        assertThat(result.get("counts")).hasToString("{\"deactivated\":1}");
        assertThat(replacing.sandbox.segment(id + "-1").orElseThrow())
                .isEqualTo(new SandboxSegment(id + "-1", id + "X1", "Good 1", "n"));
        assertThat(replacing.sandbox.requests()).filteredOn(r -> r.rawPath().endsWith("/" + id + "-1"))
                .extracting(RecordedRequest::body).endsWith("{\"active\":\"n\"}");
        JsonNode change = sanitizedAt(result, 2);
        assertThat(change.get("field").asText()).isEqualTo("segment_name");
        assertThat(change.get("before").asText()).isEqualTo("<U+0000><U+200B>");
        assertThat(change.get("after").isNull()).as(change.toString()).isTrue();
    }

    /** The worked example of docs/sanitizing.md, as it is written there (ids and codes made this case's). */
    @Test
    void theSanitizingExampleOfTheReadme() throws Exception {
        JsonNode result;
        try (LogCapture log = LogCapture.of(OutcomeStep.class)) {
            result = syncCsv(replacing, "units.csv", HEADER
                    + id + "-1,AUS" + id + ",\"Australia \"\"East\"\"\"\n"
                    + id + "-2,NZ" + id + ",New Zealand\\North\n"
                    + id + "-3,A\\B" + id + ",Alpha\n"
                    + id + "-4,\"FJ" + id + " \",\"Fiji    Islands\"\n");
            assertThat(log.lines()).contains("INFO Sanitized " + id + "-4 [" + id + " units.csv:5]: segment_code 'FJ" + id
                    + " ' -> 'FJ" + id + "'; segment_name 'Fiji    Islands' -> 'Fiji Islands'");
        }

        assertThat(result.get("counts")).hasToString("{\"created\":3,\"rejected\":1}");
        assertProblem(result, 4, "segment_code", "rejected", "contains a backslash (\\) at position 2; identifiers "
                + "are never changed by the sync, so it must be corrected in the source");
        assertThat(result.get("sanitized")).hasToString("["
                + "{\"record\":1,\"line\":2,\"systemId\":\"" + id + "-1\",\"field\":\"segment_name\","
                + "\"before\":\"Australia \\\"East\\\"\",\"after\":\"Australia 'East'\"},"
                + "{\"record\":2,\"line\":3,\"systemId\":\"" + id + "-2\",\"field\":\"segment_name\","
                + "\"before\":\"New Zealand\\\\North\",\"after\":\"New Zealand/North\"},"
                + "{\"record\":4,\"line\":5,\"systemId\":\"" + id + "-4\",\"field\":\"segment_code\","
                + "\"before\":\"FJ" + id + " \",\"after\":\"FJ" + id + "\"},"
                + "{\"record\":4,\"line\":5,\"systemId\":\"" + id + "-4\",\"field\":\"segment_name\","
                + "\"before\":\"Fiji    Islands\",\"after\":\"Fiji Islands\"}]");
        String report = replacing.beans.outcomeRecorder().snapshot().render();
        // the example's file has no active column: one file warning says so
        assertThat(report).containsPattern("(?m)^" + id + " +created 3, rejected 1, 1 file warning \\(see the file's "
                + "\\.result\\.json\\); sanitized 3$")
                .contains("Sanitized: values sent otherwise than the source supplied them; each one, before and after, "
                        + "is in the log and in a file's .result.json\n")
                .contains("  - rejected " + id + "-3 [" + id + " units.csv:4]: source '" + id + "' record system_id '"
                        + id + "-3' at units.csv:4: field 'segment_code': contains a backslash (\\) at position 2; "
                        + "identifiers are never changed by the sync, so it must be corrected in the source\n");
    }

    /** The sync cleans what the API document calls invalid itself (reported), with or without the API's &clean. */
    @Test
    void colonsAndEmDashesAreHyphenatedByTheSyncAndReported() throws Exception {
        String file = bad(id + "-2," + id + "X2,Sales — North: East");

        assertGoodOnesSynced(replacing, syncCsv(replacing, "units.csv", file), 1, 2, 3);
        assertGoodOnesSynced(cleanAndRejecting, syncCsv(cleanAndRejecting, "units.csv", file), 1, 2, 3);

        assertThat(replacing.sandbox.segment(id + "-2").orElseThrow().segmentName()).isEqualTo("Sales - North- East");
        assertThat(replacing.sandbox.requests()).filteredOn(r -> r.body().contains(id + "X2"))
                .extracting(RecordedRequest::rawPath).containsExactly("/api/v5/segments/" + id + "-2");
        assertThat(replacing.beans.outcomeRecorder().snapshot().render())
                .contains(id + "-2 (units.csv:3): 'Sales — North: East' -> 'Sales - North- East'");
        assertThat(cleanAndRejecting.sandbox.segment(id + "-2").orElseThrow().segmentName()).isEqualTo("Sales - North- East");
        assertThat(cleanAndRejecting.sandbox.requests()).filteredOn(r -> r.body().contains(id + "X2"))
                .extracting(RecordedRequest::rawPath).containsExactly("/api/v5/segments/" + id + "-2&clean");
    }

    // --- bytes ----------------------------------------------------------------------------------------------------

    @Test
    void latin1BytesInAUtf8File() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + good(1)).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes((id + "-2," + id + "X2,Zürich\n").getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(good(3).getBytes(StandardCharsets.UTF_8));

        JsonNode result = syncFile(replacing, "units.csv", bytes.toByteArray(), Map.of());

        assertGoodOnesSynced(replacing, result);
        assertProblem(result, 3, "segment_name", "rejected", "holds bytes that are not valid in the file's charset");
        assertThat(replacing.sandbox.requests()).extracting(RecordedRequest::body).noneMatch(b -> b.contains("\uFFFD"));
    }

    @Test
    void aByteOrderMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes((HEADER + good(1) + good(2)).getBytes(StandardCharsets.UTF_8));

        JsonNode result = syncFile(replacing, "units.csv", bytes.toByteArray(), Map.of());

        assertGoodOnesSynced(replacing, result, 1, 2);
        assertThat(result.get("problems")).isEmpty();
    }

    @Test
    void anEmptyFile() throws Exception {
        DropFolder drop = folder();
        drop.write("units.csv", "");
        drop.addSource(replacing.context, id);

        await().atMost(WAIT).until(() -> drop.failed().size() == 1);
        JsonNode result = drop.resultOf(drop.failed().get(0));
        assertThat(result.get("reason").asText()).isEqualTo("units.csv: the file is empty; a CSV file needs a header row");
        assertThat(replacing.beans.deadLetterStore().list(false)).extracting(DeadLetter::apiMessage)
                .contains(result.get("reason").asText());
        removeSource(replacing);
    }

    /**
     * A single line of 100 MB, generated here: no parser ever holds more than the source's maxRecordSize of it. In
     * CSV and JSON Lines it is rejected unread, and the records before and after it go through; JSON cannot be read
     * past it, so that file is refused as a whole and nothing of it is sent.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"csv, 3", "jsonl, 2", "json, 3"})
    void aLineOf100Megabytes(String format, long line) throws Exception {
        DropFolder drop = folder();
        Path part = drop.dir().resolve("huge." + format + ".part");
        try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            switch (format) {
                case "csv" -> out.write(HEADER + good(1) + id + "-2," + id + "X2,");
                case "jsonl" -> out.write(jsonGood(1) + "\n{\"system_id\": \"" + id + "-2\", \"segment_name\": \"");
                default -> out.write("[\n" + jsonGood(1) + ",\n{\"system_id\": \"" + id + "-2\", \"segment_name\": \"");
            }
            char[] chunk = new char[1 << 20];
            Arrays.fill(chunk, 'x');
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
            switch (format) {
                case "csv" -> out.write("\n" + good(3));
                case "jsonl" -> out.write("\"}\n" + jsonGood(3) + "\n");
                default -> out.write("\"},\n" + jsonGood(3) + "\n]\n");
            }
        }
        Files.move(part, drop.dir().resolve("huge." + format));
        drop.addSource(replacing.context, id, Map.of("format", format));

        await().atMost(Duration.ofSeconds(60)).until(() -> drop.done().size() + drop.failed().size() == 1);
        removeSource(replacing);
        if ("json".equals(format)) {
            assertThat(drop.resultOf(drop.failed().get(0)).get("reason").asText()).isEqualTo("huge.json: not "
                    + "well-formed: line 3 (record 2) holds a value that is longer than the maximum record size of "
                    + "1048576 characters (the source's maxRecordSize), so the rest of the file could not be read; "
                    + "nothing of the file was sent");
            assertNothingOfTheCaseSent(replacing);
            return;
        }
        JsonNode result = drop.resultOf(drop.done().get(0));
        assertProblem(result, line, null, "rejected", "is longer than the maximum record size of 1048576 characters "
                + "(the source's maxRecordSize), so it was skipped unread");
        assertThat(replacing.sandbox.segment(id + "-1")).isPresent();
        assertThat(replacing.sandbox.segment(id + "-3")).isPresent();
    }

    /** A CSV file whose header line is too long cannot be read at all: it goes to the error folder, saying so. */
    @Test
    void aHeaderLongerThanTheMaximumRecordSize() throws Exception {
        DropFolder drop = folder();
        drop.write("units.csv", "system_id,segment_code,segment_name," + "x".repeat(200) + "\n" + good(1));
        drop.addSource(replacing.context, id, Map.of("maxRecordSize", "100"));

        await().atMost(WAIT).until(() -> drop.failed().size() == 1);
        removeSource(replacing);
        assertThat(drop.resultOf(drop.failed().get(0)).get("reason").asText()).isEqualTo("units.csv: line 1 is longer "
                + "than the maximum record size of 100 characters (the source's maxRecordSize), so it was skipped unread; "
                + "a CSV file needs a header row");
    }

    /** A JSON array element longer than the limit (no single value too long) is rejected alone. */
    @Test
    void aJsonElementLongerThanTheMaximumRecordSize() throws Exception {
        String big = "{\"system_id\": \"" + id + "-2\", \"segment_code\": \"" + id + "X2\", \"segment_name\": \"Big\", "
                + "\"notes\": [" + "\"n\",".repeat(100) + "\"n\"]}";
        JsonNode result = syncFile(replacing, "units.json", ("[" + jsonGood(1) + ",\n" + big + ",\n" + jsonGood(3) + "]")
                .getBytes(StandardCharsets.UTF_8), Map.of("format", "json", "maxRecordSize", "300"));

        assertGoodOnesSynced(replacing, result);
        assertProblem(result, 2, null, "rejected", "is longer than the maximum record size of 300 characters");
    }

    // --- duplicates and odd ids -----------------------------------------------------------------------------------

    @Test
    void duplicateSystemIds() throws Exception {
        JsonNode result = syncCsv(replacing, "units.csv", HEADER + good(1) + id + "-2," + id + "X2,First\n"
                + id + "-2," + id + "X2,Second\n" + good(3));

        assertGoodOnesSynced(replacing, result, 1, 2, 3);
        assertThat(replacing.sandbox.segment(id + "-2").orElseThrow().segmentName()).isEqualTo("Second");
        assertProblem(result, 3, null, "superseded", "line 4 has the same system_id; the last row wins");
    }

    @Test
    void duplicateCodes() throws Exception {
        JsonNode result = syncCsv(replacing, "units.csv", bad(id + "-2," + id + "X1,Same code as the first"));

        assertGoodOnesSynced(replacing, result);
        assertProblem(result, 3, "segment_code", "conflict", "segment_code '" + id + "X1' is held by system_id '"
                + id + "-1' at line 2 of the same file");
    }

    /**
     * Codes that differ only in case count as one code: the first row keeps it and the later one is a conflict
     * before any call, whatever the timing, with a note that the API may or may not tell them apart.
     */
    @Test
    void codesThatDifferOnlyInCase() throws Exception {
        String code = id + "-dc-lsn";
        JsonNode result = syncCsv(replacing, "units.csv", HEADER + good(1) + id + "-2," + code.toUpperCase() + ",Upper\n"
                + id + "-3," + code + ",Lower\n" + good(4));

        assertGoodOnesSynced(replacing, result, 1, 2, 4);
        assertThat(replacing.sandbox.segment(id + "-2").orElseThrow().segmentCode()).isEqualTo(code.toUpperCase());
        assertProblem(result, 4, "segment_code", "conflict", "segment_code '" + code + "' differs only in case from '"
                + code.toUpperCase() + "', held by system_id '" + id + "-2' at line 3 of the same file; the first row "
                + "keeps it: the API document does not say whether it tells codes apart by case");
        assertThat(replacing.sandbox.requests()).extracting(RecordedRequest::rawPath)
                .noneMatch(path -> path.endsWith("/" + id + "-3"));
    }

    /**
     * A code is an identifier: one holding what the API refuses is rejected with the character and its position,
     * under either policy, never rewritten. So {@code A\B} next to {@code A/B} is no false conflict: the row with the
     * backslash is rejected, the other one keeps its code.
     */
    @Test
    void codesAreRejectedNeverRewritten() throws Exception {
        String file = HEADER + good(1) + id + "-Q1,A\\" + id + ",Backslash\n" + id + "-Q2,A/" + id + ",Slash\n"
                + id + "-Q3,\"T\t" + id + "\",Tab\n" + good(5);

        for (SyncHarness sync : List.of(replacing, cleanAndRejecting)) {
            JsonNode result = syncCsv(sync, "units.csv", file);

            assertGoodOnesSynced(sync, result, 1, 5);
            assertThat(sync.sandbox.segment(id + "-Q2")).contains(SandboxSegment.active(id + "-Q2", "A/" + id, "Slash"));
            assertThat(sync.sandbox.segment(id + "-Q1")).isEmpty();
            assertThat(sync.sandbox.segment(id + "-Q3")).isEmpty();
            assertProblem(result, 3, "segment_code", "rejected", "contains a backslash (\\) at position 2; identifiers "
                    + "are never changed by the sync, so it must be corrected in the source");
            assertProblem(result, 5, "segment_code", "rejected",
                    "contains a control character U+0009 (CHARACTER TABULATION) at position 2;");
            assertThat(result.get("sanitized")).isEmpty();
        }
    }

    /** Surrounding whitespace is not part of a code: it is trimmed, and the trimming is reported like any change. */
    @Test
    void aCodeIsTrimmedAndThatIsReported() throws Exception {
        JsonNode result = syncCsv(replacing, "units.csv", bad(id + "-2,\"  " + id + "X2 \",Padded"));

        assertGoodOnesSynced(replacing, result, 1, 2, 3);
        assertThat(replacing.sandbox.segment(id + "-2").orElseThrow().segmentCode()).isEqualTo(id + "X2");
        assertSanitized(result, 3, id + "-2", "segment_code", "  " + id + "X2 ", id + "X2");
    }

    @Test
    void systemIdsWithUrlCharactersAndSpaces() throws Exception {
        List<String> ids = List.of(id + "/a", id + "?b=1", id + "#c", id + "%d", id + "&e", id + " f g");
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < ids.size(); i++) {
            file.append('"').append(ids.get(i)).append("\",").append(id).append("U").append(i).append(",Unit ")
                    .append(i).append('\n');
        }

        JsonNode result = syncCsv(replacing, "units.csv", file.toString());

        assertThat(result.get("counts")).hasToString("{\"created\":" + ids.size() + "}");
        assertThat(replacing.sandbox.segments()).extracting(SandboxSegment::systemId).containsAll(ids);
        assertThat(replacing.sandbox.requests()).filteredOn(r -> r.body().contains(id + "U"))
                .extracting(RecordedRequest::rawPath)
                .allMatch(path -> path.matches("/api/v5/segments/" + id + "[A-Za-z0-9%._~-]+"));
    }

    /** The API reference sets no length limit on any field: long values go through whole, nothing is cut. */
    @Test
    void valuesOf300Characters() throws Exception {
        String longId = id + "-" + "i".repeat(300);
        String longCode = id + "C".repeat(300);
        String longName = "N".repeat(300);

        JsonNode result = syncCsv(replacing, "units.csv", bad(longId + "," + longCode + "," + longName));

        assertGoodOnesSynced(replacing, result, 1, 3);
        assertThat(replacing.sandbox.segment(longId)).contains(SandboxSegment.active(longId, longCode, longName));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** A CSV file with good records at lines 2 and 4 around the given bad one at line 3. */
    private String bad(String badRow) {
        return HEADER + good(1) + badRow + "\n" + good(3);
    }

    private String good(int n) {
        return id + "-" + n + "," + id + "X" + n + ",Good " + n + "\n";
    }

    private String jsonGood(int n) {
        return "{\"system_id\": \"" + id + "-" + n + "\", \"segment_code\": \"" + id + "X" + n
                + "\", \"segment_name\": \"Good " + n + "\"}";
    }

    private JsonNode syncCsv(SyncHarness sync, String name, String content) throws Exception {
        return syncFile(sync, name, content.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Drops the file into a folder of its own, lets a source of its own take it, returns its result. */
    private JsonNode syncFile(SyncHarness sync, String name, byte[] content, Map<String, String> parameters)
            throws Exception {
        DropFolder drop = folder();
        drop.write(name, content);
        drop.addSource(sync.context, id, parameters);
        try {
            await().atMost(WAIT).until(() -> drop.done().size() == 1);
            return drop.resultOf(drop.done().get(0));
        } finally {
            removeSource(sync);
        }
    }

    /** Drops the file into a folder of its own, waits until it is refused as a whole, returns its result. */
    private JsonNode failedFile(SyncHarness sync, String name, byte[] content, Map<String, String> parameters)
            throws Exception {
        DropFolder drop = folder();
        drop.write(name, content);
        drop.addSource(sync.context, id, parameters);
        try {
            await().atMost(WAIT).until(() -> drop.failed().size() + drop.done().size() == 1);
            assertThat(drop.done()).as("a file that is not well-formed is never done").isEmpty();
            JsonNode result = drop.resultOf(drop.failed().get(0));
            assertThat(result.get("status").asText()).isEqualTo("failed");
            return result;
        } finally {
            removeSource(sync);
        }
    }

    /** No request of this case's records reached the sandbox. */
    private void assertNothingOfTheCaseSent(SyncHarness sync) {
        assertThat(sync.sandbox.requests()).extracting(RecordedRequest::rawPath).noneMatch(path -> path.contains(id));
        assertThat(sync.sandbox.requests()).extracting(RecordedRequest::body).noneMatch(body -> body != null && body.contains(id));
    }

    private DropFolder folder() throws Exception {
        Path dir = work.resolve(id);
        if (Files.isDirectory(dir)) { // the second bundle of a case gets a folder of its own
            dir = work.resolve(id + "-" + System.nanoTime());
        }
        return new DropFolder(Files.createDirectory(dir));
    }

    private void removeSource(SyncHarness sync) throws Exception {
        sync.context.getRouteController().stopRoute(id);
        sync.context.removeRoute(id);
    }

    /** Good records 1 and 3 (or the given ones) are in the sandbox, as the file gave them. */
    private void assertGoodOnesSynced(SyncHarness sync, JsonNode result, int... good) {
        int[] expected = good.length == 0 ? new int[] {1, 3} : good;
        for (int n : expected) {
            if (n == 2) {
                assertThat(sync.sandbox.segment(id + "-2")).as(result.toPrettyString()).isPresent();
                continue;
            }
            assertThat(sync.sandbox.segment(id + "-" + n)).as(result.toPrettyString())
                    .contains(SandboxSegment.active(id + "-" + n, id + "X" + n, "Good " + n));
        }
        assertThat(result.get("status").asText()).isEqualTo("done");
    }

    /** The file's result lists exactly one change, at this line, before and after as printed. */
    private static void assertSanitized(JsonNode result, long line, String systemId, String field, String before,
                                        String after) {
        assertThat(result.get("sanitized")).as(result.toPrettyString()).hasSize(1);
        JsonNode change = sanitizedAt(result, line);
        assertThat(change.get("systemId").asText()).isEqualTo(systemId);
        assertThat(change.get("field").asText()).isEqualTo(field);
        assertThat(change.get("before").asText()).isEqualTo(before);
        assertThat(change.get("after").asText()).isEqualTo(after);
    }

    private static JsonNode sanitizedAt(JsonNode result, long line) {
        return StreamSupport.stream(result.get("sanitized").spliterator(), false)
                .filter(p -> p.get("line").asLong() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no change at line " + line + " in " + result.toPrettyString()));
    }

    /** The run report's line of this case's source, and the file's run in the run history, count its sanitized records. */
    private void assertSanitizedCounted(SyncHarness sync, long records) {
        RunReport report = sync.beans.outcomeRecorder().snapshot();
        assertThat(report.sanitizedBySource()).containsEntry(id, records);
        assertThat(report.render()).containsPattern("(?m)^" + id + " +created \\d+(, 1 file warning \\(see the file's "
                + "\\.result\\.json\\))?; sanitized " + records + "$");
        SyncRun run = sync.beans.syncRuns().recent(100).stream().filter(r -> id.equals(r.source())).findFirst()
                .orElseThrow();
        assertThat(run.outcomeCounts()).containsEntry("sanitized", records);
    }

    private static JsonNode problem(JsonNode result, long line) {
        return StreamSupport.stream(result.get("problems").spliterator(), false)
                .filter(p -> p.get("line").asLong() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at line " + line + " in " + result.toPrettyString()));
    }

    private static void assertProblem(JsonNode result, long line, String field, String outcome, String reasonStart) {
        JsonNode problem = problem(result, line);
        assertThat(problem.get("outcome").asText()).as(problem.toString()).isEqualTo(outcome);
        assertThat(problem.path("field").asText(null)).as(problem.toString()).isEqualTo(field);
        assertThat(problem.get("reason").asText()).as(problem.toString()).startsWith(reasonStart);
    }
}
