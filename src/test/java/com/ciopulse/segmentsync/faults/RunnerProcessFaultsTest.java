package com.ciopulse.segmentsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The standalone runner in a JVM of its own (the default H2 state store) is killed or stopped in the middle of the
 * file, then started again: the file stays unacknowledged in the drop folder until the restarted runner has an
 * outcome for every record.
 */
@FaultSuite
class RunnerProcessFaultsTest extends FaultRunTest {

    @Test
    void killMinus9MidFileAndARestart() throws Exception {
        run.dropFile();
        try (RunnerProcess killed = runner("killed")) {
            run.awaitCalls(1000);
            killed.kill();
        }
        long putsAtKill = run.puts();
        run.assertNothingAcknowledged();

        FaultRow row = restartUntilAcknowledged("kill -9 of the JVM mid-file", "SIGKILL at call 1,000 ("
                + FaultRow.count(putsAtKill) + " PUTs by then), then a restart");
        recover(row);
    }

    @Test
    void sigtermMidRun() throws Exception {
        run.dropFile();
        List<String> stateStoreErrors;
        try (RunnerProcess stopped = runner("stopped")) {
            run.awaitCalls(1000);
            assertThat(stopped.terminate()).as("exit status on SIGTERM: 128 + 15").isEqualTo(143);
            assertThat(stopped.log()).contains("file-drop: batch stopped");
            stateStoreErrors = stopped.log().lines().filter(line -> line.contains("The state store does not answer"))
                    .toList();
        }
        long putsAtStop = run.puts();
        List<RecordedRequest> beforeStop = run.sandbox.requests();
        run.assertNothingAcknowledged();

        FaultRow row = restartUntilAcknowledged("SIGTERM mid-run", "SIGTERM at call 1,000 ("
                + FaultRow.count(putsAtStop) + " PUTs by then), then a restart");
        // a graceful stop stores the state of every record it sent: the restart finds them unchanged, without a call
        Set<String> acceptedBeforeStop = beforeStop.stream()
                .filter(request -> request.method().equals("PUT") && request.status() / 100 == 2)
                .map(RecordedRequest::rawPath).collect(Collectors.toSet());
        List<RecordedRequest> journal = run.sandbox.requests();
        assertThat(journal.subList(beforeStop.size(), journal.size()))
                .as("PUTs after the restart for segments the stopped runner had sent and the API had accepted")
                .filteredOn(request -> request.method().equals("PUT") && acceptedBeforeStop.contains(request.rawPath()))
                .extracting(RecordedRequest::rawPath)
                .isEmpty();
        assertThat(stateStoreErrors).as("the state store answers the stopped runner until its records in flight are stored")
                .isEmpty();
        recover(row);
    }

    /** Starts the runner again, waits for the acknowledgement, stops it and counts. */
    private FaultRow restartUntilAcknowledged(String fault, String injected) throws Exception {
        try (RunnerProcess restarted = runner("restarted")) {
            run.awaitAcknowledged();
            assertThat(restarted.terminate()).isEqualTo(143);
        }
        return run.account(fault, injected, openDeadLetters());
    }

    private void recover(FaultRow row) {
        run.recover(row, Map.of("sync.state.data-dir", data().toString()), () -> openDeadLetters().size());
    }

    private RunnerProcess runner(String name) throws Exception {
        Map<String, String> settings = RunnerSettings.against(run.sandbox, run.drop.dir());
        settings.putAll(FaultSettings.sync());
        settings.put("sync.state.data-dir", data().toString());
        settings.put("camel.route-template[file-drop].initialDelay", "0");
        settings.put("camel.route-template[file-drop].minFileAge", "100");
        return RunnerProcess.start(name, settings, work);
    }

    /** The open dead letters in the runner's H2 store, read while no runner holds it. */
    private List<DeadLetter> openDeadLetters() {
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(data()))) {
            return new DeadLetterStore(store.dataSource()).list(false);
        }
    }

    private Path data() {
        return work.resolve("data");
    }
}
