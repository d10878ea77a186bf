package com.ciopulse.segmentsync.api;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.slf4j.LoggerFactory;

/** The key and base64(portal:key) appear nowhere a user or an attacker could read them. */
class CredentialsNeverLeakTest {

    static final String KEY = SyncHarness.API_KEY;
    static final String BASIC = Base64.getEncoder().encodeToString(
            (SyncHarness.PORTAL_CODE + ":" + KEY).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dataDir;

    @Test
    void aRunWithEveryKindOfFailureLeaksNoCredential() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger camel = (Logger) LoggerFactory.getLogger("org.apache.camel");
        Logger ours = (Logger) LoggerFactory.getLogger("com.ciopulse");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        Level camelLevel = camel.getLevel();
        camel.setLevel(Level.DEBUG);
        ours.setLevel(Level.DEBUG);
        List<String> exposed = new ArrayList<>();
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            sync.sync(upsert("BU-1", "AUS", "Australia", "y"));
            sync.sync(upsert("BU-2", null, "Missing code", null));
            sync.sandbox.faults().failNext(10, 500);
            sync.sync(upsert("BU-3", "X3", "Three", null));
            sync.sandbox.faults().clear();
            sync.sandbox.faults().dropNext(1);
            sync.sync(upsert("BU-4", "X4", "Four", null));
            sync.sandbox.faults().rejectCredentials(true);
            Exchange halted = sync.send(upsert("BU-5", "X5", "Five", null));
            assertThat(halted.getException()).isNotNull();
            exposed.add(String.valueOf(halted.getException()));
            exposed.add(String.valueOf(halted.getMessage().getHeaders()));
            exposed.add(String.valueOf(halted.getAllProperties()));
            exposed.add(sync.beans.outcomeRecorder().snapshot().render());
            for (DeadLetter letter : sync.beans.deadLetterStore().list(true)) {
                exposed.add(letter.toString());
            }
            exposed.add(String.valueOf(sync.context.getRegistry().lookupByName("segmentsApiCredentials")));
        } finally {
            root.detachAppender(captured);
            camel.setLevel(camelLevel);
            ours.setLevel(null);
        }
        for (ILoggingEvent event : captured.list) {
            exposed.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                exposed.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }

        assertThat(captured.list).hasSizeGreaterThan(10);
        assertThat(String.join("\n", exposed)).doesNotContain(KEY).doesNotContain(BASIC)
                .doesNotContain(KEY.substring(0, 12));
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
