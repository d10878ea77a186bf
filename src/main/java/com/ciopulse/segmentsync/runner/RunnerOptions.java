package com.ciopulse.segmentsync.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * The runner's command line. Anything it does not know is handed to Camel Main (e.g. {@code -pl}).
 *
 * @param once            process what the sources have pending, print the run report, exit
 * @param dryRun          send no write calls; report what would be sent
 * @param sandbox         start the embedded Segments API sandbox and point the client at it
 * @param deadLetters     {@code list} or {@code replay}, or null
 * @param deadLetterIds   the dead letters to replay; empty means all open ones
 * @param runs            how many of the last runs {@code --runs} lists, or 0
 * @param camelArgs       the arguments for Camel Main (single-dash options such as {@code -pl})
 * @param help            print the usage and exit
 * @param version         print the version and exit
 * @param jsonReport      print the run report of {@code --once} as one JSON document
 * @param verbose         the console shows the whole log (the libraries' INFO too), as the log file does
 */
public record RunnerOptions(boolean once, boolean dryRun, boolean sandbox, String deadLetters,
                            List<Long> deadLetterIds, int runs, List<String> camelArgs, boolean help,
                            boolean version, boolean jsonReport, boolean verbose) {

    /** The runner's own options, for the hint to an unknown one. */
    private static final List<String> OPTIONS = List.of("--once", "--dry-run", "--sandbox", "--dead-letters", "--runs",
            "--report", "--verbose", "--help", "--version");

    /** {@code --runs} or {@code --dead-letters list}: reads the state store and ends; needs no API key. */
    public boolean readsStateOnly() {
        return runs > 0 || "list".equals(deadLetters);
    }

    /** {@code --dead-letters replay}: sends dead letters through the pipeline and ends, instead of a sync. */
    public boolean replay() {
        return "replay".equals(deadLetters) && !readsStateOnly();
    }

    /** The locations Camel Main's {@code -pl} (or {@code -propertiesLocation}) gives, or null. */
    String camelPropertiesLocation() {
        String location = null;
        for (int i = 0; i + 1 < camelArgs.size(); i++) {
            if (List.of("-pl", "-propertiesLocation").contains(camelArgs.get(i))) {
                location = camelArgs.get(i + 1);
            }
        }
        return location;
    }

    static final String USAGE = """
            Usage: java -jar ciopulse-segment-sync.jar [options]
              (no option)              run continuously: poll the sources, sync every change
              --once                   process what every source has pending, print the run report and exit:
                                         0  every source read to the end, every record synced
                                         1  needs attention, a re-run or replay continues: records dead-lettered,
                                            a source cut short with input pending (circuit open, state store
                                            failing, stopped), a reconcile guard stopped
                                         2  fatal, fix something first: credentials refused (401), bad settings,
                                            a source that could not be read (login refused, database missing)
              --dry-run                send no write calls to the API; report what would be sent
              --sandbox                start the embedded Segments API sandbox on 127.0.0.1 and sync against it
              --dead-letters list      list the open dead letters
              --dead-letters replay [ID ...]
                                       send the open dead letters (or the given ones) through the pipeline again
              --runs [N]               list the last N runs (default 20): source, mode, counts, dead letters
              --report text|json       how --once prints its run report on stdout (the log goes to stderr):
                                       text (default) or one JSON document (exitCode, exitReason, sources with
                                       their state, reason and counts, totals, failures)
              --verbose                the console shows the whole log (Camel's start and stop, the libraries'
                                       INFO), not only warnings, errors and the sync's own lines
              --version                the version of the runner
              --help                   this text
            Settings: config/application.properties, -Dkey=value, or environment variables
            (sync.segments-api.base-url <- SYNC_SEGMENTS_API_BASE_URL; CIOPULSE_PORTAL_CODE, CIOPULSE_API_KEY).
            The whole log goes to logs/segment-sync.log (-Dsync.log.file=... or SYNC_LOG_FILE to change it);
            on a terminal the console shows a live progress bar per running batch.
            """;

    public static RunnerOptions parse(String... args) {
        boolean once = false;
        boolean dryRun = false;
        boolean sandbox = false;
        boolean help = false;
        boolean version = false;
        boolean jsonReport = false;
        boolean verbose = false;
        String deadLetters = null;
        int runs = 0;
        List<Long> ids = new ArrayList<>();
        List<String> camelArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--once" -> once = true;
                case "--dry-run" -> dryRun = true;
                case "--sandbox" -> sandbox = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--verbose" -> verbose = true;
                case "--report" -> {
                    if (i + 1 >= args.length || !List.of("text", "json").contains(args[i + 1])) {
                        throw new IllegalArgumentException("--report takes 'text' or 'json'");
                    }
                    jsonReport = args[++i].equals("json");
                }
                case "--runs" -> {
                    runs = 20;
                    if (i + 1 < args.length && args[i + 1].matches("\\d+")) {
                        runs = Integer.parseInt(args[++i]);
                    }
                }
                case "--dead-letters" -> {
                    if (i + 1 >= args.length || !List.of("list", "replay").contains(args[i + 1])) {
                        throw new IllegalArgumentException("--dead-letters takes 'list' or 'replay [ID ...]'");
                    }
                    deadLetters = args[++i];
                    while ("replay".equals(deadLetters) && i + 1 < args.length && args[i + 1].matches("\\d+")) {
                        ids.add(Long.parseLong(args[++i]));
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("Unknown option '" + args[i] + "'" + hint(args[i])
                                + "; see --help");
                    }
                    camelArgs.add(args[i]);
                }
            }
        }
        return new RunnerOptions(once, dryRun, sandbox, deadLetters, List.copyOf(ids), runs, List.copyOf(camelArgs),
                help, version, jsonReport, verbose);
    }

    /** The closest of the runner's options, when one is close enough to be a typo. */
    private static String hint(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : OPTIONS) {
            int distance = distance(unknown, option);
            if (distance < bestDistance) {
                best = option;
                bestDistance = distance;
            }
        }
        return bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    /** Levenshtein distance: how many single-character edits turn one into the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
