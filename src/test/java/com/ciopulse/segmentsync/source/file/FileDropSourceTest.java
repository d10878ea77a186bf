package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

/** The file-drop source end to end: real files, the real template, the sandbox over HTTP. */
class FileDropSourceTest extends FileDropTestSupport {

    @Test
    void csvRowsReachTheSandboxAndTheResultBesideTheDoneFileListsEachRejectedLine() throws Exception {
        drop.write("units.csv", """
                system_id,segment_code,segment_name,active
                BU-1,AUS,Australia,y
                BU-2,NZ,New Zealand,no
                BU-3,BAD,Bad flag,maybe
                BU-4,EMEA,"Europe, Middle East & Africa",1
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(dropDir.resolve("units.csv")).doesNotExist();
        assertThat(drop.done().get(0).getFileName().toString()).matches("\\d{8}-\\d{6}-\\d{3}-[0-9a-f]{6}-units\\.csv");
        assertThat(segmentIds()).containsExactlyInAnyOrder("BU-1", "BU-2", "BU-4");
        assertThat(sync.sandbox.segment("BU-2").orElseThrow().active()).isEqualTo("n");
        assertThat(sync.beans.outcomeRecorder().count("file-drop", Outcome.CREATED)).isEqualTo(3);

        JsonNode result = drop.resultOf(drop.done().get(0));
        assertThat(result.get("source").asText()).isEqualTo("file-drop");
        assertThat(result.get("file").asText()).isEqualTo("units.csv");
        assertThat(result.get("status").asText()).isEqualTo("done");
        assertThat(result.get("records").asInt()).isEqualTo(4);
        assertThat(result.get("counts")).hasToString("{\"created\":3,\"rejected\":1}");
        assertThat(result.get("problems")).hasSize(1);
        JsonNode rejected = result.get("problems").get(0);
        assertThat(rejected.get("line").asInt()).isEqualTo(4);
        assertThat(rejected.get("systemId").asText()).isEqualTo("BU-3");
        assertThat(rejected.get("outcome").asText()).isEqualTo("rejected");
        assertThat(rejected.get("field").asText()).isEqualTo("active");
        assertThat(rejected.get("reason").asText()).startsWith("'maybe' is not one of");

        DeadLetter deadLetter = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(deadLetter.sourceRef()).isEqualTo("units.csv:4");
        assertThat(deadLetter.apiMessage()).contains("BU-3").contains("active").contains("maybe");
    }

    @Test
    void aJsonArrayIsReadAtTheConfiguredPathWithNestedFieldsAPrefixAndInactiveValues() throws Exception {
        drop.write("export.json", """
                {"exportedAt": "2025-01-01", "data": {"units": [
                  {"id": "U1", "code": "AUS", "details": {"name": "Australia"}, "status": "open"},
                  {"id": "U2", "code": "NZ", "details": {"name": "New Zealand"}, "status": "Closed"},
                  "not a unit",
                  {"id": 3, "code": 1e3, "details": {"name": ["a", "list"]}, "status": "open"}
                ]}, "units": [{"id": "ignored"}]}
                """);

        drop.addSource(sync.context, "erp-json", Map.of("format", "json", "recordsPath", "/data/units",
                "systemIdFrom", "id", "segmentCodeFrom", "code", "segmentNameFrom", "/details/name",
                "activeFrom", "status", "inactiveValues", "closed,archived", "systemIdPrefix", "ERP-"));

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                new SandboxSegment("ERP-U1", "AUS", "Australia", "y"),
                new SandboxSegment("ERP-U2", "NZ", "New Zealand", "n"));
        JsonNode problems = drop.resultOf(drop.done().get(0)).get("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).get("line").asInt()).isEqualTo(4);
        assertThat(problems.get(0).get("reason").asText()).isEqualTo("is a string, not a JSON object");
        assertThat(problems.get(1).get("systemId").asText()).isEqualTo("ERP-3");
        assertThat(problems.get(1).get("field").asText()).isEqualTo("segment_name");
        assertThat(problems.get(1).get("reason").asText()).startsWith("is an array; expected text");
        assertThat(sync.beans.deadLetterStore().list(false)).extracting(DeadLetter::sourceRef)
                .containsExactlyInAnyOrder("export.json:4 item 3", "export.json:5 item 4");
    }

    @Test
    void jsonLinesWithAConstantAndAnExpressionAndOneBrokenLine() throws Exception {
        drop.write("units.jsonl", """
                {"unit": "BU-1", "region": "EU", "name": "Zürich"}
                {"unit": "BU-2", "region": "EU", "name": "Bern"
                
                {"unit": "BU-3", "region": "APAC", "name": "東京"}
                """);

        drop.addSource(sync.context, "helpdesk", Map.of("format", "jsonl", "systemIdFrom", "unit",
                "segmentCodeFrom", "${body[region]}-${body[unit]}", "segmentNameFrom", "name", "activeFrom", "'y'"));

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                new SandboxSegment("BU-1", "EU-BU-1", "Zürich", "y"),
                new SandboxSegment("BU-3", "APAC-BU-3", "東京", "y"));
        JsonNode problem = drop.resultOf(drop.done().get(0)).get("problems").get(0);
        assertThat(problem.get("line").asInt()).isEqualTo(2);
        assertThat(problem.get("outcome").asText()).isEqualTo("rejected");
        assertThat(problem.get("reason").asText()).startsWith("is not valid JSON");
    }

    @Test
    void csvColumnsAreMappedByConfigurationWithAnotherSeparatorAndQuote() throws Exception {
        drop.write("erp.txt", """
                Unit ID;Unit Name;Region;Status
                7;'Lyon; Centre';FR;open
                8;Nice;FR;ARCHIVED
                """);

        drop.addSource(sync.context, "erp", Map.of("include", ".*\\.txt", "separator", ";", "quote", "'",
                "systemIdFrom", "unit id", "segmentNameFrom", "Unit Name",
                "segmentCodeFrom", "${body[Region]}${body[Unit ID]}", "activeFrom", "Status",
                "inactiveValues", "closed, archived", "systemIdPrefix", "ERP-"));

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                new SandboxSegment("ERP-7", "FR7", "Lyon; Centre", "y"),
                new SandboxSegment("ERP-8", "FR8", "Nice", "n"));
    }

    @Test
    void theLastRowForASystemIdWinsAndACodeTwoIdsShareIsRefusedBeforeAnyCall() throws Exception {
        drop.write("units.csv", """
                system_id,segment_code,segment_name
                BU-1,AUS,Australia (old name)
                BU-2,NZ,New Zealand
                BU-1,AUS,Australia
                BU-3,NZ,Also New Zealand
                BU-4,X1,Moves its code to X2
                BU-5,X1,Takes X1 over
                BU-4,X2,Moves its code to X2
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                new SandboxSegment("BU-1", "AUS", "Australia", "y"),
                new SandboxSegment("BU-2", "NZ", "New Zealand", "y"),
                new SandboxSegment("BU-4", "X2", "Moves its code to X2", "y"),
                new SandboxSegment("BU-5", "X1", "Takes X1 over", "y"));
        assertThat(putsFor("BU-1")).isEqualTo(1);
        assertThat(putsFor("BU-3")).isZero();
        assertThat(putsFor("BU-4")).isEqualTo(1);

        JsonNode result = drop.resultOf(drop.done().get(0));
        assertThat(result.get("records").asInt()).isEqualTo(7);
        assertThat(result.get("counts")).hasToString("{\"conflict\":1,\"created\":4,\"superseded\":2}");
        JsonNode problems = result.get("problems");
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(problems.get(0).get("outcome").asText()).isEqualTo("superseded");
        assertThat(problems.get(0).get("reason").asText()).isEqualTo("line 4 has the same system_id; the last row wins");
        assertThat(problems.get(1).get("line").asInt()).isEqualTo(5);
        assertThat(problems.get(1).get("outcome").asText()).isEqualTo("conflict");
        assertThat(problems.get(1).get("field").asText()).isEqualTo("segment_code");
        assertThat(problems.get(1).get("reason").asText())
                .isEqualTo("segment_code 'NZ' is held by system_id 'BU-2' at line 3 of the same file; two segments cannot share a code");
        assertThat(problems.get(2).get("line").asInt()).isEqualTo(6);
        assertThat(problems.get(2).get("outcome").asText()).isEqualTo("superseded");

        // the whole file is one run, the rows refused before any call included
        SyncRun run = sync.beans.syncRuns().recent(1).get(0);
        assertThat(run.source()).isEqualTo("file-drop");
        assertThat(run.outcomeCounts()).isEqualTo(Map.of("conflict", 1L, "created", 4L, "superseded", 2L));

        DeadLetter conflict = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(conflict.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(conflict.systemId()).isEqualTo("BU-3");
        assertThat(conflict.sourceRef()).isEqualTo("units.csv:5");
    }

    @Test
    void aFileDroppedAgainUnderTheSameNameIsSyncedAgainAndKeptApartWithoutLooping() throws Exception {
        drop.addSource(sync.context, "file-drop");

        drop.write("units.csv", "system_id,segment_code,segment_name\nBU-1,AUS,First\n");
        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        drop.write("units.csv", "system_id,segment_code,segment_name\nBU-1,AUS,Second\n");
        await().atMost(WAIT).until(() -> drop.done().size() == 2);

        assertThat(drop.done()).extracting(file -> file.getFileName().toString()).doesNotHaveDuplicates()
                .allMatch(name -> name.endsWith("-units.csv"));
        assertThat(drop.done()).allSatisfy(file -> assertThat(drop.resultOf(file).get("records").asInt()).isEqualTo(1));
        assertThat(sync.sandbox.segment("BU-1").orElseThrow().segmentName()).isEqualTo("Second");
        // several polls later still one request per row dropped: nothing is read twice
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> putsFor("BU-1") == 2);
    }

    @Test
    void aFileStillBeingWrittenInPlaceIsTakenOnlyOnceItStopsChanging() throws Exception {
        Path file = dropDir.resolve("units.csv");
        Files.writeString(file, "system_id,segment_code,segment_name\n");
        drop.addSource(sync.context, "file-drop", Map.of("minFileAge", "500"));
        AtomicInteger written = new AtomicInteger();
        ScheduledExecutorService exporter = Executors.newSingleThreadScheduledExecutor();
        try {
            // a slow exporter: one row every 50 ms, well within the 500 ms a file must stay unchanged to be read
            exporter.scheduleAtFixedRate(() -> append(file, written.incrementAndGet()), 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(WAIT).until(() -> written.get() >= 20);
        } finally {
            exporter.shutdownNow();
            exporter.awaitTermination(5, TimeUnit.SECONDS);
        }

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(drop.resultOf(drop.done().get(0)).get("records").asInt()).isEqualTo(written.get());
        assertThat(sync.sandbox.segments()).hasSize(written.get());
    }

    private static void append(Path file, int row) {
        try {
            Files.writeString(file, "BU-" + row + ",C" + row + ",Unit " + row + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void filesThatAppearWhileAFileIsSyncedWaitTheirTurn() throws Exception {
        sync.sandbox.faults().latency(Duration.ofMillis(30));
        drop.write("first.csv", csv("A", 40));
        drop.addSource(sync.context, "file-drop");
        await().atMost(WAIT).until(() -> !puts().isEmpty());

        drop.write("second.csv", csv("B", 5));

        await().atMost(WAIT).until(() -> drop.done().size() == 2);
        List<String> order = puts().stream().map(r -> r.rawPath().substring(r.rawPath().lastIndexOf('/') + 1)).toList();
        assertThat(order).hasSize(45);
        assertThat(order.subList(0, 40)).allMatch(id -> id.startsWith("A-"));
        assertThat(order.subList(40, 45)).allMatch(id -> id.startsWith("B-"));
    }

    @Test
    void aDryRunReadsTheFileOnceAndLeavesItInTheFolder() throws Exception {
        sync.close();
        Properties dryRun = new Properties();
        dryRun.setProperty("sync.dry-run", "true");
        sync = SyncHarness.start(dataDir, dryRun);
        drop.write("units.csv", csv("BU", 3));

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() -> sync.beans.outcomeRecorder().count("file-drop", Outcome.PLANNED) == 3);
        // several polls later: still there, not read again
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> Files.exists(dropDir.resolve("units.csv"))
                && sync.beans.outcomeRecorder().count("file-drop", Outcome.PLANNED) == 3);
        assertThat(drop.done()).isEmpty();
        assertThat(sync.sandbox.requests()).isEmpty();
    }

    @Test
    void a401SuspendsTheSourceAcknowledgesNothingAndResumesWhenTheCredentialsWork() throws Exception {
        sync.sandbox.faults().rejectCredentials(true);
        drop.write("units.csv", """
                system_id,segment_code,segment_name
                BU-1,AUS,Australia
                BU-2,NZ,New Zealand
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(WAIT).until(() ->
                sync.context.getRouteController().getRouteStatus("file-drop") == ServiceStatus.Suspended);
        assertThat(sync.beans.credentialGuard().halted()).isTrue();
        assertThat(dropDir.resolve("units.csv")).exists();
        assertThat(drop.done()).isEmpty();
        assertThat(dropDir.resolve(".done")).doesNotExist();
        assertThat(sync.sandbox.segments()).isEmpty();
        assertThat(sync.beans.deadLetterStore().countOpen()).isZero();
        long putsWhileHalted = puts().size();

        sync.sandbox.faults().rejectCredentials(false);

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        assertThat(sync.context.getRouteController().getRouteStatus("file-drop")).isEqualTo(ServiceStatus.Started);
        assertThat(sync.sandbox.segments()).hasSize(2);
        // only records already in flight when the 401 came were sent; the credential probe only reads
        assertThat(putsWhileHalted).isBetween(1L, 2L);
    }

    static String csv(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name\n");
        IntStream.rangeClosed(1, rows).forEach(i -> csv.append(prefix).append('-').append(i).append(',')
                .append(prefix).append(i).append(",Unit ").append(prefix).append(i).append('\n'));
        return csv.toString();
    }

    private List<String> segmentIds() {
        return sync.sandbox.segments().stream().map(SandboxSegment::systemId).toList();
    }

    private long putsFor(String systemId) {
        return puts().stream().filter(r -> r.rawPath().endsWith("/" + systemId)).count();
    }
}
