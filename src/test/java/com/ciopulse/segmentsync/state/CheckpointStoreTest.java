package com.ciopulse.segmentsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.testsupport.OnEachDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sources' checkpoints, on each database the state store supports. */
@OnEachDatabase
class CheckpointStoreTest extends StateStoreTestBase {

    private static final Instant AT = Instant.parse("2026-03-01T02:00:00Z");

    private CheckpointStore checkpoints;

    @BeforeEach
    void createCheckpointStore() {
        checkpoints = new CheckpointStore(store.dataSource());
    }

    @Test
    void aSourceThatNeverSavedHasNoCheckpoint() {
        assertThat(checkpoints.find("erp-units")).isEmpty();
    }

    @Test
    void saveReplacesTheCheckpointOfThatSourceOnly() {
        checkpoints.save("erp-units", "timestamp 2026-03-01T10:15:30.123456", AT);
        checkpoints.save("helpdesk", "number 42", AT);

        checkpoints.save("erp-units", "timestamp 2026-03-02T08:00:00", AT.plusSeconds(60));

        assertThat(checkpoints.find("erp-units")).contains("timestamp 2026-03-02T08:00:00");
        assertThat(checkpoints.find("helpdesk")).contains("number 42");
    }

    @Test
    void aCheckpointSurvivesARestart() {
        checkpoints.save("erp-units", "number 7", AT);

        reopenStore();

        assertThat(new CheckpointStore(store.dataSource()).find("erp-units")).contains("number 7");
    }

    @Test
    void keepsValuesThatLookLikeSqlVerbatim() {
        String hostile = "x'); DROP TABLE source_checkpoint; --";

        checkpoints.save(hostile, hostile, AT);

        assertThat(checkpoints.find(hostile)).contains(hostile);
        assertThat(checkpoints.find("x")).isEmpty();
    }
}
