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

    /**
     * One of the runner's options: what the parser takes, the hint to a mistyped one and {@code --help} all come
     * from {@link #OPTIONS}, so none of them can know an option the others do not.
     *
     * @param name     e.g. {@code --once}
     * @param alias    a short form, or null
     * @param argument what follows it in the usage, e.g. {@code text|json}; empty when nothing does
     * @param help     its line(s) in {@code --help}
     */
    record Option(String name, String alias, String argument, String help) {

        String usage() {
            return name + (alias == null ? "" : ", " + alias) + (argument.isEmpty() ? "" : " " + argument);
        }
    }

    static final List<Option> OPTIONS = List.of(
            new Option("--once", null, "", "process what every source has pending, print the run report on stdout "
                    + "and exit (exit codes below)"),
            new Option("--dry-run", null, "", "send no write call to the API; the report shows the plan's counts and "
                    + "first changes, the whole plan goes to a file (sync.dry-run.plan-directory)"),
            new Option("--sandbox", null, "", "start the embedded Segments API sandbox on 127.0.0.1 and sync against it"),
            new Option("--dead-letters", null, "list | replay [ID ...]", "list the open dead letters, or send them "
                    + "(or the given ones) through the pipeline again"),
            new Option("--runs", null, "[N]", "list the last N runs (default 20): source, mode, counts, dead letters"),
            new Option("--report", null, "text|json", "how --once prints its run report on stdout: text (default) or "
                    + "one JSON document (exitCode, exitReason, sources, totals, failures, planFiles)"),
            new Option("--verbose", null, "", "the console shows the whole log (Camel's start and stop, the libraries' "
                    + "INFO), not only warnings, errors and the sync's own lines"),
            new Option("--version", null, "", "the version of the runner"),
            new Option("--help", "-h", "", "this text"));

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

    private static final int USAGE_COLUMN = 34;

    static final String EXIT_CODES = """
            Exit codes of --once (the report's last line says which rule applied):
              0    every source read to the end, every record synced (or planned, in a dry run)
              1    needs attention, a re-run or replay continues: records dead-lettered, a source cut short with input
                   pending (circuit open, state store failing, stopped), a reconcile guard stopped
              2    fatal, fix something first: credentials refused (401), bad settings or options, a source that could
                   not be read (login refused, database missing, folder unreadable)
              143  stopped by SIGTERM before the end (130: SIGINT); the report says INTERRUPTED
            """;

    static final String ENVIRONMENT = """
            Environment variables:
              CIOPULSE_PORTAL_CODE, CIOPULSE_API_KEY
                                              the credentials (the key: bottom of the Portal's Preferences page)
              CIOPULSE_BASE_URL               the API's base URL (default https://app.cio-pulse.com/api/v5)
              SYNC_<SETTING>                  any sync.* setting, e.g. sync.segments-api.base-url <- SYNC_SEGMENTS_API_BASE_URL
              CAMEL_<SETTING>                 any camel.* setting, e.g. camel.management.host <- CAMEL_MANAGEMENT_HOST
              SYNC_JDBC_<SOURCE>_PASSWORD, SYNC_REST_<SOURCE>_SECRET,
              SYNC_SALESFORCE_<SOURCE>_CLIENT_SECRET (_PASSWORD, _SECURITY_TOKEN)
                                              a source's secrets (its id upper-cased, '-' as '_')
              SYNC_SANDBOX_PORT               --sandbox: the sandbox's port (default: a free one)
              SYNC_LOG_FILE                   the log file (default logs/segment-sync.log; also -Dsync.log.file=...)
            Settings come from config/application.properties, -Dkey=value and these variables (README "Configuration").
            The whole log goes to the log file; on a terminal the console shows a live progress bar per running batch.
            """;

    /** The {@code --help} text: every option of {@link #OPTIONS}, the exit codes and the environment variables. */
    static String usage() {
        StringBuilder text = new StringBuilder("Usage: java -jar ciopulse-segment-sync.jar [options]\n");
        text.append(line("(no option)", "run continuously: poll the sources, sync every change, until stopped"));
        OPTIONS.forEach(option -> text.append(line(option.usage(), option.help())));
        text.append(line("-pl LOCATIONS", "Camel Main's properties locations instead of config/application.properties "
                + "(other single-dash options go to Camel Main too)"));
        return text.append(EXIT_CODES).append(ENVIRONMENT).toString();
    }

    /** An option and its help, the help wrapped at 110 columns and indented under itself. */
    private static String line(String usage, String help) {
        StringBuilder text = new StringBuilder("  ").append(usage);
        int column = text.length();
        if (column >= USAGE_COLUMN) {
            text.append('\n');
            column = 0;
        }
        for (String word : help.split(" ")) {
            if (column + word.length() + 1 > 110 && column > USAGE_COLUMN) {
                text.append('\n');
                column = 0;
            }
            if (column < USAGE_COLUMN) {
                text.append(" ".repeat(USAGE_COLUMN - column));
                column = USAGE_COLUMN;
            } else {
                text.append(' ');
                column++;
            }
            text.append(word);
            column += word.length();
        }
        return text.append('\n').toString();
    }

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
            Option option = option(args[i]);
            if (option == null) {
                if (args[i].startsWith("--")) {
                    throw new IllegalArgumentException("Unknown option '" + args[i] + "'" + hint(args[i])
                            + "; see --help");
                }
                camelArgs.add(args[i]);
                continue;
            }
            switch (option.name()) {
                case "--once" -> once = true;
                case "--dry-run" -> dryRun = true;
                case "--sandbox" -> sandbox = true;
                case "--help" -> help = true;
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
                default -> throw new IllegalStateException("the option " + option.name() + " is listed but not parsed");
            }
        }
        return new RunnerOptions(once, dryRun, sandbox, deadLetters, List.copyOf(ids), runs, List.copyOf(camelArgs),
                help, version, jsonReport, verbose);
    }

    private static Option option(String arg) {
        return OPTIONS.stream().filter(option -> option.name().equals(arg) || arg.equals(option.alias()))
                .findFirst().orElse(null);
    }

    /** The closest of the runner's options, when one is close enough to be a typo. */
    private static String hint(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Option option : OPTIONS) {
            int distance = distance(unknown, option.name());
            if (distance < bestDistance) {
                best = option.name();
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
