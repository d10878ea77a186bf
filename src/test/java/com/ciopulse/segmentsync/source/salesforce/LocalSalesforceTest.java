package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.testsupport.SyncHarness;
import org.junit.jupiter.api.AfterEach;

/** A test of a Salesforce source: a local Salesforce (WireMock) and a running sync, both stopped after each test. */
abstract class LocalSalesforceTest {

    FakeSalesforce salesforce;
    SyncHarness sync;

    @AfterEach
    void stopSyncAndSalesforce() {
        if (sync != null) {
            sync.close();
        }
        if (salesforce != null) {
            salesforce.close();
        }
    }
}
