package com.ciopulse.segmentsync.api;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import com.ciopulse.segmentsync.bundle.SegmentSyncBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key, base64(portal:key) and the Authorization value appear nowhere a user or an attacker could read them:
 * not in any log event at TRACE (Camel, HttpClient, H2 and HikariCP included), report, dead letter, file result
 * or exception. The key is a sentinel made for this run, so nothing can pass by accident.
 */
class CredentialsNeverLeakTest {

    static final String KEY = SyncHarness.API_KEY;

    @TempDir
    Path dataDir;
    @TempDir
    Path dropDir;

    @Test
    void aRunAtTraceWithEveryKindOfFailureLeaksNoCredential() throws Exception {
        String portal = "P" + randomLettersAndDigits(7);
        String key = randomLettersAndDigits(SegmentsApiCredentials.API_KEY_LENGTH);
        String basic = Base64.getEncoder().encodeToString((portal + ":" + key).getBytes(StandardCharsets.UTF_8));
        Properties credentials = new Properties();
        credentials.setProperty("sync.segments-api.portal-code", portal);
        credentials.setProperty("sync.segments-api.api-key", key);
        List<String> exposed = new ArrayList<>();
        List<ILoggingEvent> events;
        try (LogCapture log = LogCapture.everythingAt(Level.TRACE);
             SyncHarness sync = SyncHarness.start(dataDir, credentials, SegmentsSandbox.start(0, portal, key))) {
            sync.sync(upsert("BU-1", "AUS", "Australia", "y"));
            sync.sync(upsert("BU-2", null, "Missing code", null));
            sync.sandbox.faults().failNext(10, 500);
            sync.sync(upsert("BU-3", "X3", "Three", null));
            sync.sandbox.faults().clear();
            sync.sandbox.faults().dropNext(1);
            sync.sync(upsert("BU-4", "X4", "Four", null));
            DropFolder drop = new DropFolder(dropDir);
            drop.write("units.csv", "system_id,segment_code,segment_name\nBU-6,X6,Six\nBU-7,X6,Same code\n,X8,No id\n");
            drop.addSource(sync.context, "file-drop");
            await().atMost(Duration.ofSeconds(20)).until(() -> drop.done().size() == 1);
            exposed.add(drop.resultOf(drop.done().get(0)).toString());
            sync.sandbox.faults().rejectCredentials(true);
            Exchange halted = sync.send(upsert("BU-5", "X5", "Five", null));
            assertThat(halted.getException()).isNotNull();
            exposed.add(String.valueOf(halted.getException()));
            exposed.add(String.valueOf(halted.getMessage().getHeaders()));
            exposed.add(String.valueOf(halted.getAllProperties()));
            exposed.add(sync.beans.outcomeRecorder().snapshot().render());
            for (DeadLetter letter : sync.beans.deadLetterStore().list(true)) {
                exposed.add(letter.toString());
                exposed.add(letter.apiMessage());
            }
            exposed.add(String.valueOf(sync.context.getRegistry().lookupByName("segmentsApiCredentials")));
            assertThat(sync.sandbox.requests()).allSatisfy(request ->
                    assertThat(request.header("Authorization")).contains("Basic " + basic));
            events = log.events();
        }
        for (ILoggingEvent event : events) {
            exposed.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                exposed.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }

        // TRACE was really on: HttpClient logged the answers' headers, Camel its routing
        assertThat(events).anyMatch(e -> e.getLoggerName().equals("org.apache.hc.client5.http.headers"));
        assertThat(events).anyMatch(e -> e.getLoggerName().equals("org.apache.hc.client5.http.wire"));
        assertThat(events).anyMatch(e -> e.getLevel() == Level.TRACE && e.getLoggerName().startsWith("org.apache.camel"));
        assertThat(String.join("\n", exposed)).doesNotContain(key).doesNotContain(basic)
                .doesNotContain(key.substring(0, 12)).doesNotContain(basic.substring(0, 16));
    }

    private static String randomLettersAndDigits(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @Test
    void aMissingKeyStopsTheStartOfTheEmbeddedBundleSayingWhereToFindIt() throws Exception {
        CamelContext context = new DefaultCamelContext();
        ((org.apache.camel.component.properties.PropertiesComponent) context.getPropertiesComponent()).setEnvironmentVariableMode(1);
        Properties settings = new Properties();
        settings.setProperty("sync.segments-api.portal-code", SyncHarness.PORTAL_CODE);
        settings.setProperty("sync.state.data-dir", dataDir.toString());
        context.getPropertiesComponent().setOverrideProperties(settings);

        assertThatThrownBy(() -> SegmentSyncBundle.addTo(context))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageStartingWith("The CIOPulse API key is missing. The key is at the bottom of the Preferences "
                        + "page in the CIOPulse Portal.");
        assertThat(context.getRoutes()).isEmpty();
        context.close();
    }

    @Test
    void aMalformedKeyStopsTheStartWithAMessageThatDoesNotShowIt() throws Exception {
        String almostAKey = KEY.substring(1);
        CamelContext context = new DefaultCamelContext();
        ((org.apache.camel.component.properties.PropertiesComponent) context.getPropertiesComponent()).setEnvironmentVariableMode(1);
        Properties settings = new Properties();
        settings.setProperty("sync.segments-api.portal-code", SyncHarness.PORTAL_CODE);
        settings.setProperty("sync.segments-api.api-key", almostAKey);
        settings.setProperty("sync.state.data-dir", dataDir.toString());
        context.getPropertiesComponent().setOverrideProperties(settings);

        assertThatThrownBy(() -> SegmentSyncBundle.addTo(context))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("40")
                .hasMessageContaining("39")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(almostAKey).doesNotContain(almostAKey.substring(0, 8)));
        context.close();
    }
}
