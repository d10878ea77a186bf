package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.SegmentState;
import com.ciopulse.segmentsync.state.SegmentStateStore;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay never puts older data over newer: the runner as an operator uses it ({@code --once}, then
 * {@code --dead-letters list} and {@code replay}), one sandbox of the API kept across the runs, one state store.
 */
class DeadLetterReplaySafetyTest {

    private static final String HEADER = "system_id,segment_code,segment_name,active\n";

    @TempDir
    Path dataDir;
    @TempDir
    Path drop;
    SegmentsSandbox sandbox;
    Map<String, String> settings;
    String output;

    @BeforeEach
    void start() {
        sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        settings = RunnerSettings.against(sandbox, drop);
        settings.put("sync.state.data-dir", dataDir.toString());
        settings.put("sync.segments-api.retry.initial-delay-ms", "10");
        settings.put("sync.segments-api.retry.max-delay-ms", "50");
        settings.put("sync.segments-api.retry.jitter", "0");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aDeadLetterSupersededByALaterSyncIsNotReplayedAndTheApiKeepsTheNewerValue() throws Exception {
        sandbox.faults().failNext(4, 500);
        Files.writeString(drop.resolve("units-1.csv"), HEADER + "DL-1,DLC1,Name A,y\n");
        assertThat(run("--once")).as(output).isEqualTo(1);
        assertThat(output).contains("failed 1");
        assertThat(run("--dead-letters", "list")).as(output).isZero();
        assertThat(output).contains("1 open dead letter(s)").contains("system_id=DL-1");
        long id = idOf("DL-1");

        Files.writeString(drop.resolve("units-2.csv"), HEADER + "DL-1,DLC1,Name B,y\n");
        assertThat(run("--once")).as(output).isZero();
        assertThat(output).contains("created 1");
        SandboxSegment newer = SandboxSegment.active("DL-1", "DLC1", "Name B");
        assertThat(sandbox.segment("DL-1")).contains(newer);

        assertThat(run("--dead-letters", "list")).as(output).isZero();
        assertThat(output).contains("0 open dead letter(s)")
                .containsPattern("1 superseded dead letter\\(s\\), not to be replayed: .*\\R  #" + id
                        + " .*system_id=DL-1 .*failed: .* -- superseded \\S+ by file-drop units-2.csv:2 \\(created\\)");

        int calls = sandbox.requestCount();
        assertThat(run("--dead-letters", "replay")).as(output).isZero();
        assertThat(output).doesNotContain("replayed:");
        assertThat(run("--dead-letters", "replay", String.valueOf(id))).as(output).isZero();
        assertThat(output).contains("#" + id + " not sent: superseded by file-drop units-2.csv:2 (created)");

        assertThat(sandbox.requestCount()).as("calls of the replays").isEqualTo(calls);
        assertThat(sandbox.segment("DL-1")).contains(newer);
        assertThat(acceptedState("DL-1").segmentName()).isEqualTo("Name B");
    }

    @Test
    void aReplayOfValuesTheApiAlreadyHoldsEndsUnchangedWithoutAWrite() throws Exception {
        // every record is sent, so the same file read twice meets the API twice
        settings.put("sync.segments.change-detection", "false");
        Files.writeString(drop.resolve("units-1.csv"), HEADER + "DL-2,DLC2,Name A,y\n");
        assertThat(run("--once")).as(output).isZero();
        assertThat(output).contains("created 1");
        sandbox.faults().failNext(4, 500);
        Files.writeString(drop.resolve("units-2.csv"), HEADER + "DL-2,DLC2,Name A,y\n");
        assertThat(run("--once")).as(output).isEqualTo(1);
        assertThat(output).contains("failed 1");
        int calls = sandbox.requestCount();

        assertThat(run("--dead-letters", "replay")).as(output).isZero();

        assertThat(output).containsPattern("#\\d+ replayed: unchanged DL-2");
        List<RecordedRequest> replayCalls = sandbox.requests().subList(calls, sandbox.requestCount());
        assertThat(replayCalls).as("requests of the replay").noneMatch(request -> request.method().equals("PUT"));
        assertThat(sandbox.segment("DL-2")).contains(SandboxSegment.active("DL-2", "DLC2", "Name A"));
        assertThat(run("--dead-letters", "list")).as(output).isZero();
        assertThat(output).contains("0 open dead letter(s)");
    }

    @Test
    void aRecordTheApiAlreadyHoldsSupersedesTooAndOfTwoOpenDeadLettersOnlyTheNewerIsSent() throws Exception {
        Files.writeString(drop.resolve("units-1.csv"), HEADER + "DL-3,DLC3,Name B,y\nDL-4,DLC4,Four,y\n");
        assertThat(run("--once")).as(output).isZero();
        sandbox.faults().failNext(4, 500);
        Files.writeString(drop.resolve("units-2.csv"), HEADER + "DL-3,DLC3,Name A,y\n");
        assertThat(run("--once")).as(output).isEqualTo(1);
        // the source went back to what the API holds: no call, and the dead letter of Name A is stale
        Files.writeString(drop.resolve("units-3.csv"), HEADER + "DL-3,DLC3,Name B,y\n");
        assertThat(run("--once")).as(output).isZero();
        assertThat(output).contains("unchanged 1");
        assertThat(run("--dead-letters", "list")).as(output).isZero();
        assertThat(output).contains("0 open dead letter(s)")
                .containsPattern("system_id=DL-3 .* -- superseded \\S+ by file-drop units-3.csv:2 \\(unchanged\\)");

        sandbox.faults().failNext(4, 500);
        Files.writeString(drop.resolve("units-4.csv"), HEADER + "DL-4,DLC4,Four v1,y\n");
        assertThat(run("--once")).as(output).isEqualTo(1);
        sandbox.faults().failNext(4, 500);
        Files.writeString(drop.resolve("units-5.csv"), HEADER + "DL-4,DLC4,Four v2,y\n");
        assertThat(run("--once")).as(output).isEqualTo(1);
        int calls = sandbox.requestCount();

        assertThat(run("--dead-letters", "replay")).as(output).isZero();

        assertThat(output).contains("1 dead letter(s) closed as superseded, not sent")
                .containsPattern("#\\d+ replayed: updated DL-4").doesNotContain("DL-3");
        assertThat(sandbox.requests().subList(calls, sandbox.requestCount())).as("requests of the replay")
                .filteredOn(request -> request.method().equals("PUT")).hasSize(1);
        assertThat(sandbox.segment("DL-4")).contains(SandboxSegment.active("DL-4", "DLC4", "Four v2"));
        assertThat(sandbox.segment("DL-3")).contains(SandboxSegment.active("DL-3", "DLC3", "Name B"));
        assertThat(run("--dead-letters", "list")).as(output).isZero();
        assertThat(output).contains("0 open dead letter(s)").containsPattern("system_id=DL-4 .* -- superseded \\S+"
                + " by dead letter #\\d+");
    }

    private long idOf(String systemId) {
        Matcher entry = Pattern.compile("#(\\d+) .*system_id=" + Pattern.quote(systemId) + " ").matcher(output);
        assertThat(entry.find()).as(output).isTrue();
        return Long.parseLong(entry.group(1));
    }

    private SegmentState acceptedState(String systemId) {
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(dataDir));
             SegmentStateStore states = new SegmentStateStore(store.dataSource())) {
            return states.find(systemId).orElseThrow();
        }
    }

    /** The runner in this JVM with the settings as -D options, removed again afterwards. */
    private int run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        settings.forEach(System::setProperty);
        try {
            return new SyncRunner(print, print).run(args);
        } finally {
            settings.keySet().forEach(System::clearProperty);
            output = out.toString(StandardCharsets.UTF_8);
        }
    }
}
