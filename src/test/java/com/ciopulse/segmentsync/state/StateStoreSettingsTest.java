package com.ciopulse.segmentsync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings, the default H2 database and what errors show; needs no PostgreSQL. */
class StateStoreSettingsTest {

    private static final String FAKE_PASSWORD = "not-a-real-password";

    @TempDir
    Path tempDir;

    @Test
    void defaultIsAnH2FileInTheDataFolderOpenToOtherProcessesAndWrittenAtEachCommit() {
        StateStoreSettings settings = StateStoreSettings.h2FileIn(tempDir.resolve("data"));

        String folder = tempDir.toAbsolutePath().resolve("data").toString().replace('\\', '/');
        assertThat(settings.jdbcUrl())
                .isEqualTo("jdbc:h2:file:" + folder + "/segment-sync;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(settings.maxPoolSize()).isEqualTo(StateStoreSettings.DEFAULT_MAX_POOL_SIZE);
    }

    @Test
    void openCreatesTheMissingDataFolder() {
        Path dataDir = tempDir.resolve("not/yet/there");

        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(dataDir))) {
            assertThat(store.describe()).startsWith("H2 ");
        }

        assertThat(dataDir.resolve(StateStoreSettings.H2_DATABASE_NAME + ".mv.db")).isRegularFile();
    }

    @Test
    void toStringShowsEverythingButThePassword() {
        StateStoreSettings settings = new StateStoreSettings("jdbc:postgresql://db:5432/sync", "sync", FAKE_PASSWORD, 3);

        assertThat(settings.toString())
                .contains("jdbc:postgresql://db:5432/sync", "user=sync", "password=****", "maxPoolSize=3")
                .doesNotContain(FAKE_PASSWORD);
    }

    @Test
    void passwordsInsideTheUrlAreRedacted() {
        String postgres = "jdbc:postgresql://db/sync?user=sync&password=" + FAKE_PASSWORD + "&ssl=true";
        String h2 = "jdbc:h2:file:/data/segment-sync;PASSWORD=" + FAKE_PASSWORD + ";AUTO_SERVER=TRUE";

        assertThat(new StateStoreSettings(postgres, "sync", "", 1).redactedUrl())
                .isEqualTo("jdbc:postgresql://db/sync?user=sync&password=****&ssl=true");
        assertThat(new StateStoreSettings(h2, "sa", "", 1).redactedUrl())
                .isEqualTo("jdbc:h2:file:/data/segment-sync;PASSWORD=****;AUTO_SERVER=TRUE");
        assertThat(new StateStoreSettings(postgres, "sync", "", 1).toString()).doesNotContain(FAKE_PASSWORD);
    }

    @Test
    void invalidSettingsAreRejectedWithoutShowingThePassword() {
        assertThatThrownBy(() -> new StateStoreSettings("postgresql://db/x?password=" + FAKE_PASSWORD, "u", "", 1))
                .hasMessageContaining("must start with 'jdbc:'")
                .hasMessageNotContaining(FAKE_PASSWORD);
        assertThatThrownBy(() -> new StateStoreSettings("jdbc:h2:mem:x", "sa", "", 0))
                .hasMessageContaining("at least 1");
        // HikariCP refuses less than 250 ms; say so before the pool does
        assertThatThrownBy(() -> new StateStoreSettings("jdbc:h2:mem:x", "sa", "", 1, Duration.ofMillis(100)))
                .hasMessageContaining("connection timeout must be at least 250 ms, got 100 ms");
    }

    @Test
    void anUnreachableServerFailsNamingTheUrlButNotThePassword() {
        // port 1 on loopback: nothing listens there, so the connection is refused at once
        String url = "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2&password=" + FAKE_PASSWORD;
        StateStoreSettings settings = new StateStoreSettings(url, "sync", FAKE_PASSWORD, 1);

        assertThatThrownBy(() -> StateStore.open(settings))
                .isInstanceOf(StateStoreException.class)
                .hasMessageStartingWith("cannot connect to the state store at "
                        + "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2&password=**** as user 'sync': ")
                .hasMessageNotContaining(FAKE_PASSWORD)
                .satisfies(error -> {
                    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
                        assertThat(String.valueOf(cause.getMessage())).doesNotContain(FAKE_PASSWORD);
                    }
                });
    }

    @Test
    void aDataFolderThatCannotBeCreatedFailsNamingIt() throws Exception {
        Path blocker = Files.writeString(tempDir.resolve("a-file"), "not a folder");

        assertThatThrownBy(() -> StateStore.open(StateStoreSettings.h2FileIn(blocker.resolve("data"))))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("cannot create the state store folder " + blocker.resolve("data").toAbsolutePath());
    }
}
