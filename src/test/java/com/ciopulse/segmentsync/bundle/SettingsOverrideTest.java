package com.ciopulse.segmentsync.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every sync.* setting can be overridden by -D and by its upper-snake environment variable. The build sets
 * SYNC_SEGMENTS_API_CREDENTIAL_PROBE_SECONDS=7 for the tests (see the pom); the default is 60.
 */
class SettingsOverrideTest {

    @AfterEach
    void clear() {
        System.clearProperty("sync.segments-api.response-timeout-ms");
    }

    @Test
    void environmentVariablesAndSystemPropertiesWinOverTheDefaults() throws Exception {
        System.setProperty("sync.segments-api.response-timeout-ms", "1234");
        try (CamelContext context = new DefaultCamelContext()) {
            SegmentSyncDefaults.addTo(context);
            SyncSettings settings = new SyncSettings(context);

            assertThat(settings.integer("sync.segments-api.credential-probe-seconds")).isEqualTo(7);
            assertThat(settings.integer("sync.segments-api.response-timeout-ms")).isEqualTo(1234);
            assertThat(settings.integer("sync.segments-api.max-in-flight")).isEqualTo(16);
            assertThat(SyncSettings.envName("sync.segments-api.retry.max-attempts"))
                    .isEqualTo("SYNC_SEGMENTS_API_RETRY_MAX_ATTEMPTS");
        }
    }

    @Test
    void aBadValueNamesTheSettingAndItsVariable() throws Exception {
        System.setProperty("sync.segments-api.response-timeout-ms", "soon");
        try (CamelContext context = new DefaultCamelContext()) {
            SegmentSyncDefaults.addTo(context);

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new SyncSettings(context).integer("sync.segments-api.response-timeout-ms"))
                    .hasMessageContaining("sync.segments-api.response-timeout-ms")
                    .hasMessageContaining("SYNC_SEGMENTS_API_RESPONSE_TIMEOUT_MS")
                    .hasMessageContaining("'soon'");
        }
    }
}
