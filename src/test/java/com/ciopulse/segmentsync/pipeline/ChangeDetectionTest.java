package com.ciopulse.segmentsync.pipeline;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.delete;
import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.ValidSegment;
import com.ciopulse.segmentsync.state.CommitBarrier;
import com.ciopulse.segmentsync.state.SegmentState;
import com.ciopulse.segmentsync.state.SegmentStateStore;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only what changed costs an API call. */
class ChangeDetectionTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondRunOverUnchangedDataMakesNoCallAndOneChangedRowMakesExactlyOne() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            List<SegmentRecord> units = List.of(upsert("BU-1", "AUS", "Australia", "y"),
                    upsert("BU-2", "NZ", "New Zealand", null), upsert("BU-3", "FJ", "Fiji", "n"));
            assertThat(batch(sync, units).counts()).containsEntry(Outcome.CREATED, 3L);
            sync.sandbox.clearRequests();

            assertThat(batch(sync, units).counts()).containsOnlyKeys(Outcome.UNCHANGED).containsEntry(Outcome.UNCHANGED, 3L);
            assertThat(sync.sandbox.requests()).isEmpty();

            BatchResult changed = batch(sync, List.of(units.get(0), upsert("BU-2", "NZ", "Aotearoa New Zealand", null),
                    units.get(2)));
            assertThat(changed.counts()).containsEntry(Outcome.UNCHANGED, 2L).containsEntry(Outcome.UPDATED, 1L);
            assertThat(sync.sandbox.requests()).extracting(r -> r.method() + " " + r.body())
                    .containsExactly("PUT {\"segment_code\":\"NZ\",\"segment_name\":\"Aotearoa New Zealand\"}");
        }
    }

    @Test
    void aPartialRecordIsUnchangedWhenTheFieldsItSuppliesAreAndTheApiDefaultCounts() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            sync.sync(upsert("BU-1", "AUS", "Australia", null));

            assertThat(sync.sync(upsert("BU-1", null, "Australia", null)).outcome()).isEqualTo(Outcome.UNCHANGED);
            // created without a flag: the API made it active, so "active" from the source changes nothing
            assertThat(sync.sync(upsert("BU-1", null, null, "yes")).outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(sync.sync(upsert("BU-1", null, null, "no")).outcome()).isEqualTo(Outcome.DEACTIVATED);
        }
    }

    @Test
    void aRecordTheApiDidNotAcceptIsSentAgainAndADeletedOneIsForgotten() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            sync.sandbox.faults().failNext(10, 500);
            assertThat(sync.sync(upsert("BU-1", "AUS", "Australia", null)).outcome()).isEqualTo(Outcome.FAILED);
            sync.sandbox.faults().clear();

            assertThat(sync.sync(upsert("BU-1", "AUS", "Australia", null)).outcome()).isEqualTo(Outcome.CREATED);
            assertThat(sync.sync(delete("BU-1")).outcome()).isEqualTo(Outcome.DELETED);
            assertThat(sync.sync(upsert("BU-1", "AUS", "Australia", null)).outcome()).isEqualTo(Outcome.CREATED);
        }
    }

    @Test
    void itCanBeSwitchedOff() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("sync.segments.change-detection", "false");
        try (SyncHarness sync = SyncHarness.start(dataDir, settings)) {
            sync.sync(upsert("BU-1", "AUS", "Australia", null));

            assertThat(sync.sync(upsert("BU-1", "AUS", "Australia", null)).outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(sync.sandbox.requests()).hasSize(2);
        }
    }

    @Test
    void anUpdateOfEveryFieldIsStoredWithoutReadingTheStateItReplacesAPartialOneMergesIntoIt() {
        AtomicInteger selects = new AtomicInteger();
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(dataDir));
             SegmentStateStore states = new SegmentStateStore(countingSelects(store.dataSource(), selects))) {
            ChangeDetection changes = new ChangeDetection(states, true, Clock.systemUTC());
            CommitBarrier.await(states.save(new SegmentState("BU-1", "AUS", "Australia", "y", "csv", Instant.now())));

            int before = selects.get();
            CommitBarrier.await(changes.remember(updated("AUS-M", "Australia (mainland)", "n"), Outcome.UPDATED));
            assertThat(selects.get()).isEqualTo(before);
            assertThat(states.find("BU-1")).get().extracting(SegmentState::segmentCode, SegmentState::segmentName,
                    SegmentState::active).containsExactly("AUS-M", "Australia (mainland)", "n");

            before = selects.get();
            CommitBarrier.await(changes.remember(updated(null, "Australia", null), Outcome.UPDATED));
            assertThat(selects.get()).isEqualTo(before + 1);
            assertThat(states.find("BU-1")).get().extracting(SegmentState::segmentCode, SegmentState::segmentName,
                    SegmentState::active).containsExactly("AUS-M", "Australia", "n");
        }
    }

    private static ValidSegment updated(String code, String name, String active) {
        return new ValidSegment("BU-1", code, name, active, SegmentAction.UPSERT, "csv", "line 2");
    }

    /** The store's data source, counting the SELECT statements prepared on its connections. */
    private static DataSource countingSelects(DataSource database, AtomicInteger selects) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(database, method, args);
                    return result instanceof Connection connection ? Proxy.newProxyInstance(
                            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && a[0].toString().startsWith("SELECT")) {
                                    selects.incrementAndGet();
                                }
                                return invoke(connection, m, a);
                            }) : result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static BatchResult batch(SyncHarness sync, List<SegmentRecord> records) {
        return sync.template.requestBody("direct:segment-sync-batch", records, BatchResult.class);
    }
}
