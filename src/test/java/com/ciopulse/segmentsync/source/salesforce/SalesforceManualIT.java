package com.ciopulse.segmentsync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce query source against a real org (read only: it queries, and syncs into the in-process sandbox,
 * never into CIOPulse). Not part of CI: Surefire runs {@code *Test} classes only, and this one skips itself,
 * saying what to set, when the credentials are missing. Run it by hand:
 *
 * <pre>
 * export SF_LOGIN_URL=https://mycompany.my.salesforce.com      # or https://login.salesforce.com, https://test.salesforce.com
 * export SF_CLIENT_ID=3MVG9...                                 # the Connected App's Consumer Key
 * export SF_USERNAME=integration@mycompany.com                 # leave unset for the client-credentials flow
 * export SYNC_SALESFORCE_MANUAL_IT_CLIENT_SECRET=...            # the Consumer Secret
 * export SYNC_SALESFORCE_MANUAL_IT_PASSWORD=...                # password flow only
 * export SYNC_SALESFORCE_MANUAL_IT_SECURITY_TOKEN=...          # password flow, unless the IP range is trusted
 * export SF_OBJECT=Account SF_CODE_FIELD=AccountNumber         # optional, these are the defaults
 * mvn -B test -Dtest=SalesforceManualIT -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>The subscription test needs Change Data Capture on for the object (Setup &gt; Change Data Capture) and the
 * user's permission "View All" on it (or "View All Data"). It subscribes, queries the object, and then waits up
 * to two minutes for one change: edit a record of the object in the org while it waits.
 */
class SalesforceManualIT {

    static final String SOURCE = "manual-it";

    @TempDir
    Path tempDir;

    @Test
    void theSourceReadsTheObjectOfARealOrgIntoTheSandbox() throws Exception {
        assumeRealOrg("Set SF_LOGIN_URL, SF_CLIENT_ID, SYNC_SALESFORCE_MANUAL_IT_CLIENT_SECRET and, for the password flow, "
                + "SF_USERNAME, SYNC_SALESFORCE_MANUAL_IT_PASSWORD and SYNC_SALESFORCE_MANUAL_IT_SECURITY_TOKEN "
                + "(see the javadoc of SalesforceManualIT and README \"The Salesforce source\")");

        try (SyncHarness sync = SyncHarness.start(tempDir, new Properties())) {
            onTheRealOrg(sync, "salesforce-query-source").parameter("delay", "5000").add();

            CheckpointStore checkpoints = sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class);
            await().atMost(Duration.ofMinutes(2)).until(() -> checkpoints.find(SOURCE).isPresent());
            List<?> segments = sync.sandbox.segments();
            System.out.println("SalesforceManualIT: " + segments.size() + " segments, watermark " + checkpoints.find(SOURCE).get());
            assertThat(segments).isNotEmpty();
        }
    }

    @Test
    void theSubscriptionHandsOverAChangeMadeInARealOrg() throws Exception {
        assumeRealOrg("Set the same variables as for the query source (see the javadoc of SalesforceManualIT)");

        try (SyncHarness sync = SyncHarness.start(tempDir, new Properties())) {
            onTheRealOrg(sync, "salesforce-cdc-source").add();

            CheckpointStore checkpoints = sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class);
            System.out.println("SalesforceManualIT: subscribed; edit a " + env("SF_OBJECT", "Account")
                    + " record in the org within two minutes");
            await().atMost(Duration.ofMinutes(2)).until(() -> checkpoints.find(SOURCE).isPresent());
            System.out.println("SalesforceManualIT: " + sync.sandbox.segments().size() + " segments, replay id "
                    + checkpoints.find(SOURCE).get());
        }
    }

    private static void assumeRealOrg(String whatToSet) {
        assumeTrue(!env("SF_LOGIN_URL", "").isEmpty() && !env("SF_CLIENT_ID", "").isEmpty()
                && !env("SYNC_SALESFORCE_MANUAL_IT_CLIENT_SECRET", "").isEmpty(), whatToSet);
    }

    /** A source of the template on the org the variables name; the password flow when a user name is set. */
    private static TemplatedRouteBuilder onTheRealOrg(SyncHarness sync, String templateId) {
        String userName = env("SF_USERNAME", "-");
        return TemplatedRouteBuilder.builder(sync.context, templateId).routeId(SOURCE)
                .parameter("sObjectName", env("SF_OBJECT", "Account"))
                .parameter("segmentCodeField", env("SF_CODE_FIELD", "AccountNumber"))
                .parameter("loginUrl", env("SF_LOGIN_URL", ""))
                .parameter("clientId", env("SF_CLIENT_ID", ""))
                .parameter("userName", userName)
                .parameter("authFlow", userName.equals("-") ? "client-credentials" : "password");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
