package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input never stops the source: it is reported per line or per file, and the good lines still go through. */
class FileDropBadInputTest extends FileDropTestSupport {

    @Test
    void malformedCsvRowsAreReportedByLineWithTheirSystemIdAndTheOtherRowsGoThrough() throws Exception {
        drop.write("units.csv", """
                system_id,segment_code,segment_name
                BU-1,AUS,Australia
                BU-2,NZ,New Zealand,extra
                BU-3,"FJ"x,Fiji
                BU-4,"EMEA","Europe,
                Middle East & Africa"
                BU-5,SG
                "BU-6"x,JP,Japan
                BU-7,KR,Korea
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active("BU-1", "AUS", "Australia"),
                SandboxSegment.active("BU-4", "EMEA", "Europe, Middle East & Africa"),
                SandboxSegment.active("BU-7", "KR", "Korea"));
        JsonNode result = drop.resultOf(drop.done().get(0));
        assertThat(result.get("counts")).hasToString("{\"created\":3,\"rejected\":4}");
        JsonNode problems = result.get("problems");
        assertThat(problems).hasSize(4);
        assertProblem(problems.get(0), 3, "has 4 values where the header has 3 columns");
        assertProblem(problems.get(1), 4, "column 11: found 'x' after a quoted value where the separator ',' or the end of the line was expected");
        assertProblem(problems.get(2), 7, "has 2 values where the header has 3 columns");
        assertProblem(problems.get(3), 8, "column 8: found 'x' after a quoted value where the separator ',' or the end of the line was expected");
        // the system_id column was readable in three of them; in the last the system_id itself is broken
        assertThat(problems).extracting(problem -> problem.path("systemId").asText(null))
                .containsExactly("BU-2", "BU-3", "BU-5", null);
        assertThat(sync.beans.deadLetterStore().list(false)).extracting(DeadLetter::sourceRef, DeadLetter::systemId)
                .containsExactlyInAnyOrder(tuple("units.csv:3", "BU-2"), tuple("units.csv:4", "BU-3"),
                        tuple("units.csv:7", "BU-5"), tuple("units.csv:8", null));
    }

    /** Observation 6: the run report and the dead letters name a broken row by its system id, not "(no system_id)". */
    @Test
    void aRowWithTheWrongColumnCountKeepsItsSystemIdInTheRunReport() throws Exception {
        drop.write("units.csv", "system_id,segment_code,segment_name\nBU-1,AUS,Australia\nBU-2,NZ\n");

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        String report = sync.beans.outcomeRecorder().snapshot().render();
        assertThat(report).contains("rejected BU-2").doesNotContain("no system_id");
    }

    @Test
    void aCsvFileWhoseQuoteNeverClosesSendsNothingAndGoesToTheErrorFolder() throws Exception {
        drop.write("units.csv", """
                system_id,segment_code,segment_name
                BU-1,AUS,Australia
                BU-2,NZ,New Zealand,extra
                BU-6,JP,"Japan
                BU-7,KR,Korea
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.failed().size() == 1);
        assertThat(sync.sandbox.requests()).isEmpty();
        JsonNode result = drop.resultOf(drop.failed().get(0));
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("reason").asText()).isEqualTo("units.csv: not well-formed: the quoted value that starts "
                + "on line 4 is never closed (the file ends inside it); nothing of the file was sent");
        assertThat(sync.beans.deadLetterStore().list(false)).extracting(DeadLetter::sourceRef)
                .containsExactly("units.csv");
    }

    @Test
    void aFileWithoutTheSystemIdColumnGoesToTheErrorFolderWithItsReason() throws Exception {
        drop.write("broken.csv", """
                id,segment_code,segment_name
                BU-1,AUS,Australia
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.failed().size() == 1);
        assertThat(sync.sandbox.requests()).isEmpty();
        JsonNode result = drop.resultOf(drop.failed().get(0));
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("movedTo").asText()).startsWith(".error/").endsWith("-broken.csv");
        assertThat(result.get("reason").asText()).isEqualTo("broken.csv: the header has no column 'system_id' for "
                + "system_id; columns found: [id, segment_code, segment_name]");
        DeadLetter rejected = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(rejected.sourceRef()).isEqualTo("broken.csv");
        assertThat(rejected.apiMessage()).isEqualTo(result.get("reason").asText());
    }

    @Test
    void aMissingOptionalColumnIsAWarningAndTheFieldsTheFileHasGoThrough() throws Exception {
        sync.sandbox.seed(SandboxSegment.active("BU-1", "AUS", "Australia"));
        drop.write("names.csv", "system_id,segment_name\nBU-1,Australia and Oceania\n");

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segment("BU-1")).contains(SandboxSegment.active("BU-1", "AUS", "Australia and Oceania"));
        assertThat(drop.resultOf(drop.done().get(0)).get("warnings").toString())
                .contains("no column 'segment_code', so segment_code is not synced from this file")
                .contains("no column 'active', so active is not synced from this file");
    }

    @Test
    void anEmptyFileGoesToTheErrorFolderAndAHeaderOnlyFileIsDoneWithNoRecords() throws Exception {
        drop.write("empty.csv", "");
        drop.write("header-only.csv", "system_id,segment_code,segment_name\n");
        drop.write("empty.jsonl", "\n\n");

        drop.addSource(sync.context, "file-drop");
        drop.addSource(sync.context, "file-drop-jsonl", Map.of("format", "jsonl"));

        await().atMost(WAIT).until(() -> drop.failed().size() == 2 && drop.done().size() == 1);
        JsonNode headerOnly = drop.resultOf(drop.done().get(0));
        assertThat(headerOnly.get("file").asText()).isEqualTo("header-only.csv");
        assertThat(headerOnly.get("records").asInt()).isZero();
        assertThat(headerOnly.get("warnings").toString()).contains("the file holds no records");
        assertThat(drop.failed()).extracting(file -> drop.resultOf(file).get("reason").asText()).containsExactlyInAnyOrder(
                "empty.csv: the file is empty; a CSV file needs a header row",
                "empty.jsonl: the file is empty; JSON Lines needs one object per line");
        assertThat(sync.sandbox.requests()).isEmpty();
    }

    @Test
    void bytesNotValidInTheCharsetRejectTheirRowsAndAreNeverSentWhileTheOtherRowsGoThrough() throws Exception {
        byte[] latin1 = "system_id,segment_code,segment_name\nBU-1,ZRH,Zürich\nBU-2,BRN,Bern\nBU-3,GVA,Genève\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        drop.write("latin1.csv", latin1);

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).containsExactly(SandboxSegment.active("BU-2", "BRN", "Bern"));
        assertThat(sync.sandbox.requests()).extracting(RecordedRequest::body).noneMatch(body -> body.contains("\uFFFD"));
        JsonNode result = drop.resultOf(drop.done().get(0));
        JsonNode problems = result.get("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(problems.get(0).get("field").asText()).isEqualTo("segment_name");
        assertThat(problems.get(0).get("reason").asText()).startsWith("holds bytes that are not valid in the file's "
                + "charset (shown as U+FFFD at position 2)");
        assertThat(problems.get(1).get("line").asInt()).isEqualTo(4);
        assertThat(result.get("warnings").toString()).doesNotContain("no records").contains("2 byte sequence(s) are not valid UTF-8, the first at "
                + "byte offset 46 (0xFC)");
    }

    @Test
    void theConfiguredCharsetDecodesTheFileAndAUtf8ByteOrderMarkIsDropped() throws Exception {
        Path latin1Dir = Files.createDirectory(dropDir.resolve("latin1"));
        new DropFolder(latin1Dir).write("units.csv", "system_id,segment_code,segment_name\nBU-1,ZRH,Zürich\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        withBom.write("system_id,segment_code,segment_name\nBU-2,GVA,Genève\n".getBytes(StandardCharsets.UTF_8));
        drop.write("bom.csv", withBom.toByteArray());

        new DropFolder(latin1Dir).addSource(sync.context, "latin1", Map.of("charset", "ISO-8859-1"));
        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> sync.sandbox.segments().size() == 2);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active("BU-1", "ZRH", "Zürich"),
                SandboxSegment.active("BU-2", "GVA", "Genève"));
    }

    @Test
    void jsonThatIsNoArrayOrIsBrokenMidwayFailsAsAWholeAndSendsNothing() throws Exception {
        drop.write("wrapped.json", "{\"units\": [{\"system_id\": \"BU-9\", \"segment_code\": \"X\", \"segment_name\": \"X\"}]}");
        drop.write("broken.json", """
                [
                  {"system_id": "BU-1", "segment_code": "AUS", "segment_name": "Australia"},
                  {"system_id": "BU-2", "segment_code": "NZ", "segment_name": "New Zealand"},
                  {"system_id": "BU-3", "segment_code": "FJ" "segment_name": "Fiji"},
                  {"system_id": "BU-4", "segment_code": "SG", "segment_name": "Singapore"}
                ]
                """);

        drop.addSource(sync.context, "file-drop", Map.of("format", "json"));

        await().atMost(WAIT).until(() -> drop.failed().size() == 2);
        assertThat(sync.sandbox.requests()).isEmpty();
        assertThat(drop.failed()).extracting(file -> drop.resultOf(file).get("reason").asText()).containsExactlyInAnyOrder(
                "wrapped.json: the file holds a JSON object; set the source's recordsPath to the array in it, e.g. /data",
                "broken.json: not well-formed: line 4 (record 3, from line 4) is not valid JSON (column 46: found '\"' "
                        + "where ',' or '}' was expected), so the rest of the file could not be read; nothing of the "
                        + "file was sent");
    }

    /** Observation 4: three good records and a cut-off fourth: nothing is created, the file is not done. */
    @Test
    void aTruncatedJsonArraySendsNothingAndGoesToTheErrorFolder() throws Exception {
        drop.write("units.json", """
                [
                  {"system_id": "BU-1", "segment_code": "AUS", "segment_name": "Australia"},
                  {"system_id": "BU-2", "segment_code": "NZ", "segment_name": "New Zealand"},
                  {"system_id": "BU-3", "segment_code": "FJ", "segment_name": "Fiji"},
                  {"system_id": "BU-4", "segment_co""");

        drop.addSource(sync.context, "file-drop", Map.of("format", "json"));

        await().atMost(WAIT).until(() -> drop.failed().size() == 1);
        assertThat(drop.done()).isEmpty();
        assertThat(sync.sandbox.requests()).isEmpty();
        JsonNode result = drop.resultOf(drop.failed().get(0));
        assertThat(result.get("reason").asText()).startsWith("units.json: not well-formed: line 5 (record 4, from "
                + "line 5) is not valid JSON (column 36: the input ends inside a quoted text: expected its closing '\"')")
                .endsWith("nothing of the file was sent").doesNotContain("[Source");
        assertThat(result.get("counts")).isEmpty();
        assertThat(sync.beans.outcomeRecorder().snapshot().exitCode()).isEqualTo(1);
    }

    @Test
    void jsonWhoseEnclosingObjectIsCutOffOrThatHasMoreAfterItsEndSendsNothing() throws Exception {
        String units = "[{\"system_id\": \"BU-1\", \"segment_code\": \"AUS\", \"segment_name\": \"Australia\"}]";
        Path wrapped = Files.createDirectory(dropDir.resolve("wrapped"));
        new DropFolder(wrapped).write("cut.json", "{\"data\": " + units + ",\n \"meta\": {\"count\": 1");
        new DropFolder(wrapped).write("fine.json", "{\"data\": " + units.replace("BU-1", "BU-2") + ", \"meta\": {}}\n");
        drop.write("twice.json", units + "\n" + units + "\n");

        new DropFolder(wrapped).addSource(sync.context, "wrapped", Map.of("format", "json", "recordsPath", "/data"));
        drop.addSource(sync.context, "file-drop", Map.of("format", "json"));

        await().atMost(WAIT).until(() -> drop.failed().size() == 1 && new DropFolder(wrapped).failed().size() == 1
                && new DropFolder(wrapped).done().size() == 1);
        assertThat(sync.sandbox.segments()).extracting(SandboxSegment::systemId).containsExactly("BU-2");
        assertThat(new DropFolder(wrapped).resultOf(new DropFolder(wrapped).failed().get(0)).get("reason").asText())
                .startsWith("cut.json: not well-formed: line 2, after the records: not valid JSON (column 21: the "
                        + "input ends inside an object: expected '}')");
        assertThat(drop.resultOf(drop.failed().get(0)).get("reason").asText()).isEqualTo("twice.json: not "
                + "well-formed: line 2: there is more after the end of the file's JSON value; a file holds one; "
                + "nothing of the file was sent");
    }

    @Test
    void jsonLinesCutOffAtTheEndOrNotFramedAsLinesSendNothingWhileABadLineInsideIsRejectedAlone() throws Exception {
        String good = "{\"system_id\": \"BU-%d\", \"segment_code\": \"C%d\", \"segment_name\": \"Unit %d\"}\n";
        drop.write("cut.jsonl", good.formatted(1, 1, 1) + "{\"system_id\": \"BU-2\", \"segm");
        drop.write("pretty.jsonl", """
                {
                  "system_id": "BU-3",
                  "segment_code": "C3"
                }
                """);
        drop.write("inside.jsonl", good.formatted(4, 4, 4) + good.formatted(5, 5, 5).replace("}", "} {}")
                + "{\"system_id\": \"BU-6\n" + good.formatted(7, 7, 7));

        drop.addSource(sync.context, "file-drop", Map.of("format", "jsonl"));

        await().atMost(WAIT).until(() -> drop.failed().size() == 2 && drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).extracting(SandboxSegment::systemId).containsExactlyInAnyOrder("BU-4", "BU-7");
        assertThat(drop.failed()).extracting(file -> drop.resultOf(file).get("reason").asText()).satisfiesExactlyInAnyOrder(
                reason -> assertThat(reason).startsWith("cut.jsonl: not well-formed: the last line (2) is not valid "
                        + "JSON: column 28: the input ends inside a quoted text").endsWith(": the file ends inside a record, so it was cut "
                        + "short; nothing of the file was sent"),
                reason -> assertThat(reason).startsWith("pretty.jsonl: not well-formed: no line holds a JSON object, "
                        + "so this is not JSON Lines (one object per line; for a JSON array set the source's format to "
                        + "json); line 1 is not valid JSON"));
        JsonNode inside = drop.resultOf(drop.done().get(0));
        assertProblem(inside.get("problems").get(0), 2, "is not valid JSON: column 71: there is more after the end of "
                + "the JSON value");
        assertProblem(inside.get("problems").get(1), 3, "is not valid JSON: column 20: the input ends inside a quoted "
                + "text: expected its closing '\"'");
    }

    private static void assertProblem(JsonNode problem, int line, String reasonStart) {
        assertThat(problem.get("line").asInt()).as(problem.toString()).isEqualTo(line);
        assertThat(problem.get("outcome").asText()).isEqualTo("rejected");
        assertThat(problem.get("reason").asText()).as(problem.toString()).startsWith(reasonStart);
    }
}
