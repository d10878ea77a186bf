package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
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
    void malformedCsvRowsAreReportedByLineAndTheOtherRowsGoThrough() throws Exception {
        drop.write("units.csv", """
                system_id,segment_code,segment_name
                BU-1,AUS,Australia
                BU-2,NZ,New Zealand,extra
                BU-3,"FJ"x,Fiji
                BU-4,"EMEA","Europe,
                Middle East & Africa"
                BU-5,SG
                BU-6,JP,"Japan
                BU-7,KR,Korea
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active("BU-1", "AUS", "Australia"),
                SandboxSegment.active("BU-4", "EMEA", "Europe, Middle East & Africa"));
        JsonNode result = drop.resultOf(drop.done().get(0));
        assertThat(result.get("counts")).hasToString("{\"created\":2,\"rejected\":4}");
        JsonNode problems = result.get("problems");
        assertThat(problems).hasSize(4);
        assertProblem(problems.get(0), 3, "has 4 values where the header has 3 columns");
        assertProblem(problems.get(1), 4, "Unexpected character ('x'");
        assertProblem(problems.get(2), 7, "has 2 values where the header has 3 columns");
        assertProblem(problems.get(3), 8, "a quoted value that starts here is never closed, so the rest of the file "
                + "could not be read");
        assertThat(sync.beans.deadLetterStore().list(false)).extracting(DeadLetter::sourceRef)
                .containsExactlyInAnyOrder("units.csv:3", "units.csv:4", "units.csv:7", "units.csv:8");
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
    void jsonThatIsNoArrayFailsAsAWholeAndJsonBrokenMidwayKeepsTheRecordsBeforeIt() throws Exception {
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

        await().atMost(WAIT).until(() -> drop.failed().size() == 1 && drop.done().size() == 1);
        assertThat(drop.resultOf(drop.failed().get(0)).get("reason").asText()).isEqualTo("wrapped.json: the file "
                + "holds a JSON object; set the source's recordsPath to the array in it, e.g. /data");
        assertThat(sync.sandbox.segments()).extracting(SandboxSegment::systemId).containsExactlyInAnyOrder("BU-1", "BU-2");
        JsonNode problem = drop.resultOf(drop.done().get(0)).get("problems").get(0);
        assertThat(problem.get("line").asInt()).isEqualTo(4);
        assertThat(problem.get("record").asInt()).isEqualTo(3);
        assertThat(problem.get("reason").asText()).startsWith("is not valid JSON (Unexpected character")
                .endsWith("so the rest of the file could not be read");
    }

    private static void assertProblem(JsonNode problem, int line, String reasonStart) {
        assertThat(problem.get("line").asInt()).as(problem.toString()).isEqualTo(line);
        assertThat(problem.get("outcome").asText()).isEqualTo("rejected");
        assertThat(problem.get("reason").asText()).as(problem.toString()).startsWith(reasonStart);
    }
}
