package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The standalone runner as a user starts it, from the project folder (config/ and routes/ as shipped). */
class SyncRunnerTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path drop;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void isolate() {
        System.setProperty("sync.state.data-dir", dataDir.toString());
        System.setProperty("camel.component.properties.environment-variable-mode", "1");
        System.setProperty("camel.management.port", "0");
    }

    @AfterEach
    void restore() {
        System.clearProperty("sync.state.data-dir");
        System.clearProperty("sync.file.directory");
        System.clearProperty("sync.segments-api.api-key");
        System.clearProperty("sync.segments-api.portal-code");
        System.clearProperty("sync.segments-api.base-url");
        System.clearProperty("sync.sandbox.jdbc-demo");
        System.clearProperty("camel.component.properties.environment-variable-mode");
        System.clearProperty("camel.management.port");
    }

    @Test
    void theMainCommandSyncsTheDemoFileIntoTheSandboxAndPrintsTheReport() throws Exception {
        int exit = run("--sandbox", "--once");

        assertThat(exit).as(output()).isZero();
        assertThat(output()).contains("run report").containsPattern("file-drop +created 8; sanitized 2\\R")
                .contains("file-drop: 1 segment_name cleaned for the API (dashes other than '-' and colons became '-'")
                .contains("BU-ZRH 7").contains("'Zürich – Süd' -> 'Zürich - Süd'");
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(dataDir))) {
            SyncRun last = new SyncRunStore(store.dataSource()).recent(5).stream()
                    .filter(run -> run.mode().equals("once")).findFirst().orElseThrow();
            assertThat(last.isFinished()).isTrue();
            assertThat(last.outcomeCounts()).containsEntry("created", 8L);
        }
    }

    /**
     * The sandbox refuses what the API document calls invalid in a name unless asked to clean: with the sync's own
     * cleaning off, the demo's en dash is refused as a server following the document refuses it.
     */
    @Test
    void withoutCleaningNamesTheDemosEnDashIsRefusedAsTheDocumentSays() {
        System.setProperty("sync.segments.clean-names", "false");
        try {
            assertThat(run("--sandbox", "--once")).as(output()).isEqualTo(1);
        } finally {
            System.clearProperty("sync.segments.clean-names");
        }
        assertThat(output()).containsPattern("file-drop +created 7, rejected 1; sanitized 1\\R")
                .contains("segment_name contains invalid characters (U+2013 EN DASH at position 8)")
                .contains("to send such names set sync.segments.clean-names=true (the sync replaces dashes other than "
                        + "'-' and colons with '-' and reports each change) or sync.segments-api.clean=true")
                .doesNotContain("cleaned for the API");
    }

    @Test
    void theJdbcDemoAlsoSyncsTheSampleTableOfTheEmbeddedDatabase() {
        System.setProperty("sync.sandbox.jdbc-demo", "true");

        assertThat(run("--sandbox", "--once")).as(output()).isZero();
        assertThat(output()).containsPattern("business-units-db +created 5\\R").containsPattern("file-drop +created 8; sanitized 2\\R");
    }

    @Test
    void aDryRunReportsWhatWouldBeSentAndSendsNothing() {
        int exit = run("--sandbox", "--once", "--dry-run");

        assertThat(exit).as(output()).isZero();
        assertThat(output()).contains("planned 8").doesNotContain("created")
                .contains("file-drop plan: create-or-update 8")
                .contains("Sanitized: values that would be sent otherwise than the source supplied them; each one, "
                        + "before and after, is in the plan file")
                .containsPattern("  whole plan: \\S+dry-run-\\d{8}-\\d{6}-file-drop\\.jsonl \\(8 lines, one per segment\\)");
    }

    @Test
    void theJsonReportOfADryRunNamesThePlanFile() throws Exception {
        assertThat(run("--sandbox", "--once", "--dry-run", "--report", "json")).as(output()).isZero();

        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString(StandardCharsets.UTF_8));
        Path planFile = Path.of(report.at("/planFiles/0").asText());
        assertThat(planFile).startsWith(dataDir.resolve("plans"));
        assertThat(report.at("/sources/file-drop/plan/file").asText()).isEqualTo(planFile.toString());
        assertThat(report.at("/sources/file-drop/plan/counts/create-or-update").asLong()).isEqualTo(8);
        assertThat(Files.readAllLines(planFile)).hasSize(8);
    }

    @Test
    void aRejectedRecordMakesTheRunExitOneAndCanBeListedAndReplayed() throws Exception {
        // two files: within one file the source itself refuses a shared code, here the API must answer 422
        Files.writeString(drop.resolve("units-1.csv"), "system_id,segment_code,segment_name\nBU-1,AUS,Australia\n");
        Files.writeString(drop.resolve("units-2.csv"), "system_id,segment_code,segment_name\nBU-2,AUS,Australia again\n");
        System.setProperty("sync.file.directory", drop.toString());

        assertThat(run("--sandbox", "--once")).as(output()).isEqualTo(1);
        assertThat(output()).contains("created 1").contains("conflict 1");
        // the files come in the folder's order: either may be the one that finds the code taken
        Matcher conflict = Pattern.compile("conflict (BU-\\d) .*held by system_id '(BU-\\d)'").matcher(output());
        assertThat(conflict.find()).as(output()).isTrue();
        String loser = conflict.group(1);
        assertThat(conflict.group(2)).isNotEqualTo(loser);

        assertThat(run("--sandbox", "--dead-letters", "list")).as(output()).isZero();
        assertThat(output()).contains("1 open dead letter").contains("system_id=" + loser).contains("conflict");

        assertThat(run("--sandbox", "--runs")).as(output()).isZero();
        // a file is a run
        assertThat(output()).containsPattern("file-drop changes [0-9.]+ s \\{created=1\\} dead-letters=0")
                .containsPattern("file-drop changes [0-9.]+ s \\{conflict=1\\} dead-letters=1")
                .containsPattern("all once [0-9.]+ s \\{conflict=1, created=1\\} dead-letters=1");

        // a fresh sandbox has no segment holding AUS, so the replay goes through
        assertThat(run("--sandbox", "--dead-letters", "replay")).as(output()).isZero();
        assertThat(output()).contains("replayed: created " + loser);
        assertThat(run("--sandbox", "--dead-letters", "list")).isZero();
        assertThat(output()).contains("0 open dead letter");
    }

    /** Observation 12: the console says what the files held beyond the outcomes. */
    @Test
    void theReportCountsSupersededRowsAndFileWarningsAndSaysWhenAFileHeldOnlyItsHeader() throws Exception {
        Files.writeString(drop.resolve("header-only.csv"), "system_id,segment_code,segment_name,active\n");
        System.setProperty("sync.file.directory", drop.toString());

        assertThat(run("--sandbox", "--once")).as(output()).isZero();
        assertThat(output()).containsPattern("file-drop +1 file, header only, 0 records\\R")
                .doesNotContain("No records were pending").doesNotContain("nothing pending");

        Files.delete(drop.resolve("header-only.csv"));
        Files.write(drop.resolve("units.csv"), ("system_id,segment_code,segment_name,active\nBU-1,AUS,First,y\n"
                + "BU-1,AUS,Second,y\nBU-2,ZRH,Zürich,y\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(run("--sandbox", "--once")).as(output()).isEqualTo(1);
        assertThat(output()).containsPattern("file-drop +created 1, rejected 1, superseded 1, 1 file warning "
                + "\\(see the file's .result.json\\)\\R");
    }

    /** An empty folder, and one that is not there (the file consumer makes it): the report says where it looked. */
    @ParameterizedTest
    @ValueSource(strings = {".", "inbox"})
    void anEmptyOrMissingDropFolderSaysWhereItLookedAndHowToAddAFile(String folder) {
        Path looked = drop.resolve(folder).toAbsolutePath().normalize();
        System.setProperty("sync.file.directory", looked.toString());

        assertThat(run("--sandbox", "--once")).as(output()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("file-drop: no file in " + looked
                + "; put a .csv file there (see README 'The file drop')");
    }

    @Test
    void aSemicolonSeparatedFileSuggestsTheSeparatorSetting() throws Exception {
        Files.writeString(drop.resolve("units.csv"), "system_id;segment_code;segment_name\nBU-1;AUS;Australia\n");
        System.setProperty("sync.file.directory", drop.toString());

        assertThat(run("--sandbox", "--once")).as(output()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("units.csv: the header has no column 'system_id' "
                + "for system_id; columns found: [system_id;segment_code;segment_name]; the header is one column "
                + "holding ';': if the file is separated by ';', set separator = ; for this source "
                + "(camel.route-template[file-drop].separator = ;)");
    }

    /** Observation 4 through the runner: a file cut short sends nothing and the run exits 1 (the sandbox keeps files). */
    @Test
    void aFileThatIsNotWellFormedSendsNothingAndTheRunExitsOne() throws Exception {
        Files.writeString(drop.resolve("units.csv"), "system_id,segment_code,segment_name\nBU-1,AUS,Australia\n"
                + "BU-2,NZ,\"New Zealand\nBU-3,FJ,Fiji\n");
        System.setProperty("sync.file.directory", drop.toString());

        assertThat(run("--sandbox", "--once")).as(output()).isEqualTo(1);
        assertThat(output()).containsPattern("file-drop +rejected 1\\R").doesNotContain("created")
                .contains("units.csv: not well-formed: the quoted value that starts on line 3 is never closed (the "
                        + "file ends inside it); nothing of the file was sent");
    }

    @Test
    void deadLettersAndRunsAreListedWithoutAnApiKeyWhileAReplayNeedsOne() throws Exception {
        Files.writeString(drop.resolve("units.csv"), "system_id,segment_code,segment_name,active\nBU-1,NZ,New Zealand,maybe\n");
        System.setProperty("sync.file.directory", drop.toString());
        assertThat(run("--sandbox", "--once")).as(output()).isEqualTo(1);
        // a file dropped now must stay unread: listing starts no source
        Files.writeString(drop.resolve("later.csv"), "system_id,segment_code,segment_name\nBU-2,AUS,Australia\n");

        // a portal code but no key: the operator only looks
        System.setProperty("sync.segments-api.portal-code", "ABC123");
        assertThat(run("--dead-letters", "list")).as(output()).isZero();
        assertThat(output()).contains("1 open dead letter").contains("system_id=BU-1").contains("rejected");
        assertThat(run("--runs")).as(output()).isZero();
        assertThat(output()).containsPattern("all once [0-9.]+ s \\{rejected=1\\} dead-letters=1");
        assertThat(drop.resolve("later.csv")).exists();

        assertThat(run("--dead-letters", "replay")).isEqualTo(2);
        assertThat(errors()).contains("The CIOPulse API key is missing.");
        assertThat(run("--dead-letters", "list")).isZero();
        assertThat(output()).contains("1 open dead letter");
    }

    @Test
    void theReportsReadTheStoreThatCamelMainsPropertiesLocationNames() throws Exception {
        Path other = dataDir.resolve("other");
        Path properties = drop.resolve("other.properties");
        Files.writeString(properties, "sync.state.data-dir = " + other.toString().replace('\\', '/') + "\n");
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(other))) {
            new SyncRunStore(store.dataSource()).start("once", java.time.Instant.parse("2025-01-14T06:30:00Z"));
        }
        System.clearProperty("sync.state.data-dir");

        assertThat(run("--runs", "-pl", "file:" + properties)).as(output()).isZero();
        assertThat(output()).contains("1 run(s)").contains("2025-01-14T06:30:00Z all once unfinished");
    }

    @Test
    void aMalformedKeyIsAFatalErrorThatDoesNotShowTheKey() {
        System.setProperty("sync.segments-api.portal-code", "ABC123");
        System.setProperty("sync.segments-api.api-key", "SMzYECYJYLpNw8Pr");

        assertThat(run("--once")).isEqualTo(2);
        assertThat(errors()).contains("40").doesNotContain("SMzYECYJYLpNw8Pr");
    }

    @Test
    void aMissingKeyIsAFatalErrorThatSaysWhereToFindIt() {
        System.setProperty("sync.segments-api.portal-code", "ABC123");

        assertThat(run("--once")).isEqualTo(2);
        assertThat(errors()).contains("The CIOPulse API key is missing.")
                .contains("bottom of the Preferences page").contains("CIOPULSE_API_KEY");
    }

    @Test
    void aPlainHttpApiOnAnotherHostIsAFatalError() {
        System.setProperty("sync.segments-api.portal-code", "ABC123");
        System.setProperty("sync.segments-api.api-key", "SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL");
        System.setProperty("sync.segments-api.base-url", "http://app.cio-pulse.com/api/v5");

        assertThat(run("--once")).isEqualTo(2);
        assertThat(errors()).contains("is plain http to another host").contains("allow-plain-http")
                .doesNotContain("SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL");
    }

    @Test
    void helpAndBadOptions() {
        assertThat(run("--help")).isZero();
        assertThat(output()).contains("--once").contains("--dead-letters").contains("--report text|json")
                .contains("2    fatal, fix something first").contains("Environment variables:")
                .contains("CIOPULSE_API_KEY").contains("SYNC_<SETTING>").contains("143  stopped by SIGTERM");
        assertThat(run("--dead-letters", "purge")).isEqualTo(2);
        assertThat(errors()).contains("--dead-letters takes");
        assertThat(run("--onse")).isEqualTo(2);
        assertThat(errors()).contains("Unknown option '--onse' (did you mean --once?); see --help");
        out.reset();
        assertThat(run("--version")).isZero();
        assertThat(output()).startsWith("ciopulse-segment-sync ");
    }

    /** --help and the parser cannot drift apart: every option one knows, the other knows too. */
    @Test
    void helpListsEveryOptionTheParserTakesAndNoOther() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        String options = help.substring(help.indexOf("\n"), help.indexOf("Exit codes")); // after the usage line (java -jar)
        java.util.Set<String> listed = new java.util.TreeSet<>();
        Matcher option = Pattern.compile("(?<![\\w-])--?[a-z][a-z-]*").matcher(options);
        while (option.find()) {
            listed.add(option.group());
        }
        java.util.Set<String> known = new java.util.TreeSet<>(java.util.List.of("-pl"));
        for (RunnerOptions.Option known1 : RunnerOptions.OPTIONS) {
            known.add(known1.name());
            if (known1.alias() != null) {
                known.add(known1.alias());
            }
            String argument = known1.argument().isEmpty() || known1.argument().startsWith("[") ? ""
                    : known1.argument().split("[ |]")[0];
            // each parses: an option listed but not handled by the parser fails here
            RunnerOptions.parse(argument.isEmpty() ? new String[] {known1.name()} : new String[] {known1.name(), argument});
        }
        assertThat(listed).isEqualTo(known);
        assertThat(RunnerOptions.parse("-h").help()).isTrue();
        assertThat(RunnerOptions.parse("-pl", "file:x.properties").camelArgs()).containsExactly("-pl", "file:x.properties");
    }

    @Test
    void theJsonReportIsOneDocumentOnStdoutAndTheLogStaysOffIt() throws Exception {
        int exit = run("--sandbox", "--once", "--report", "json");

        assertThat(exit).as(output()).isZero();
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("exitCode").asInt()).isZero();
        assertThat(report.get("exitReason").asText()).isEqualTo("every source read to the end, every record synced");
        assertThat(report.at("/sources/file-drop/state").asText()).isEqualTo("read");
        assertThat(report.at("/sources/file-drop/counts/created").asLong()).isEqualTo(8);
        assertThat(report.at("/totals/created").asLong()).isEqualTo(8);
        assertThat(report.get("failures")).isEmpty();
        assertThat(errors()).contains("Sandbox of the Segments API listening on http://127.0.0.1:");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new SyncRunner(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
