package com.ciopulse.segmentsync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.StateStoreException;
import com.ciopulse.segmentsync.testsupport.CuttableStateStore;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Salesforce subscription source while its state store (PostgreSQL behind a TCP proxy) is cut as an event is
 * handed over. No route is suspended then, so only the source itself knows that what it took from the subscription
 * was never acknowledged: the event is taken again, after the stored replay id, once the store answers.
 */
class SalesforceCdcStateStoreOutageTest extends LocalPubSubTest {

    static final String SOURCE = "sf-accounts-live";
    static final String AUS = "001000000000001AAA";
    static final String NZ = "001000000000002AAA";

    CuttableStateStore store;

    SalesforceCdcStateStoreOutageTest() {
        super(SOURCE);
    }

    @Override
    SyncHarness startSync(SegmentsSandbox sandbox) throws Exception {
        store = CuttableStateStore.start();
        Properties settings = new Properties();
        settings.setProperty("sync.salesforce." + SOURCE + ".client-secret", "client-secret-of-the-test");
        settings.setProperty("sync.salesforce." + SOURCE + ".password", "password-of-the-test");
        return SyncHarness.start(tempDir, store.settings(settings), sandbox);
    }

    /** Runs before the base class's: the sync stops while its store is still there. */
    @AfterEach
    void stopSyncThenStore() throws Exception {
        if (sync != null) {
            sync.close();
            sync = null;
        }
        store.close();
    }

    @Test
    void anEventWhoseOutcomeCouldNotBeStoredIsHandedOverAgainAfterTheStoredReplayId() throws Exception {
        salesforce.answerQueries();
        source().parameter("sObjectName", "Account").parameter("segmentCodeField", "AccountNumber").add();
        awaitSubscriptions(1);
        String first = pubSub.publish("CREATE", List.of(AUS), Map.of("Name", "Australia", "AccountNumber", "AUS"));
        awaitCheckpoint(first);

        store.cut();
        String second = pubSub.publish("CREATE", List.of(NZ), Map.of("Name", "New Zealand", "AccountNumber", "NZ"));
        // the event's outcome cannot be stored, and the polls after it fail on the store as well
        await().atMost(WAIT).until(() -> store.outageLines().size() >= 3);
        store.letThrough();

        // (the test's own read of the replay id may meet the pool still reconnecting)
        await().atMost(WAIT).ignoreExceptionsInstanceOf(StateStoreException.class)
                .until(() -> checkpoints().find(SOURCE).equals(Optional.of(second)));
        assertThat(sync.sandbox.segment(NZ)).contains(SandboxSegment.active(NZ, "NZ", "New Zealand"));
        assertThat(pubSub.subscriptions()).last().isEqualTo(new FakePubSub.Subscription(ReplayPreset.CUSTOM, first, "token-1"));
        store.assertOutageLoggedOnce(SOURCE);
    }
}
