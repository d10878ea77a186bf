package com.ciopulse.segmentsync.state;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the state store lives and how to log in. The password is a secret: {@link #toString()} and
 * {@link #redactedUrl()} never show it, and neither do the errors of {@link StateStore#open}.
 *
 * @param jdbcUrl     JDBC URL of the database ({@code jdbc:h2:file:...} or {@code jdbc:postgresql://...})
 * @param user        database user
 * @param password    database password, may be empty (secret)
 * @param maxPoolSize upper bound of open connections, at least 1
 * @param connectionTimeout how long a write or read waits for a connection before it fails, at least 250 ms
 */
public record StateStoreSettings(String jdbcUrl, String user, String password, int maxPoolSize,
                                 Duration connectionTimeout) {

    /** Connections enough for the routes and a dead-letter command at once, few enough for a shared PostgreSQL. */
    public static final int DEFAULT_MAX_POOL_SIZE = 4;

    /** HikariCP waits 30 s by default; a store that cannot hand out a connection in 10 s is stuck. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    /** The least HikariCP accepts. */
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    /** File name (without H2's {@code .mv.db}) of the default database inside the data folder. */
    public static final String H2_DATABASE_NAME = "segment-sync";

    private static final String H2_FILE_PREFIX = "jdbc:h2:file:";

    // password=... as a URL query parameter (PostgreSQL) or a ;-separated setting (H2), any case
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    public StateStoreSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("state store JDBC URL must start with 'jdbc:', got "
                    + (jdbcUrl == null ? "none" : "'" + redact(jdbcUrl) + "'"));
        }
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("state store max pool size must be at least 1, got " + maxPoolSize);
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("state store connection timeout must be at least "
                    + MIN_CONNECTION_TIMEOUT.toMillis() + " ms, got " + connectionTimeout.toMillis() + " ms");
        }
    }

    /** With the default connection timeout. */
    public StateStoreSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
        this(jdbcUrl, user, password, maxPoolSize, DEFAULT_CONNECTION_TIMEOUT);
    }

    /** The same store, waiting this long for a connection. */
    public StateStoreSettings withConnectionTimeout(Duration timeout) {
        return new StateStoreSettings(jdbcUrl, user, password, maxPoolSize, timeout);
    }

    /**
     * The default store: an H2 file database {@value #H2_DATABASE_NAME} in {@code dataDir}.
     * <ul>
     *   <li>{@code AUTO_SERVER=TRUE}: the dead-letter commands can open it while the runner holds it open
     *       (the first process serves the others over a local TCP port).</li>
     *   <li>{@code WRITE_DELAY=0}: every commit is written before it returns. H2's default delay of 500 ms
     *       loses the last commits when the process dies, and a source is acknowledged only after its
     *       outcomes are committed (the durability barrier waits for the commit, not for the file). What a
     *       delay would save, fewer page writes, the state store's committer gets by gathering the states of
     *       many records into one commit instead.</li>
     * </ul>
     */
    public static StateStoreSettings h2FileIn(Path dataDir) {
        // forward slashes keep the URL the same on every OS; H2 accepts them on Windows too
        String folder = dataDir.toAbsolutePath().normalize().toString().replace('\\', '/');
        return new StateStoreSettings(H2_FILE_PREFIX + folder + "/" + H2_DATABASE_NAME + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                "sa", "", DEFAULT_MAX_POOL_SIZE);
    }

    /** The JDBC URL with any {@code password=} setting in it replaced by {@code ****}: safe for logs and errors. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    /** The folder holding the database file when this is an H2 file database, so it can be created first. */
    Optional<Path> h2FileFolder() {
        if (!jdbcUrl.startsWith(H2_FILE_PREFIX)) {
            return Optional.empty();
        }
        int settingsStart = jdbcUrl.indexOf(';');
        String file = jdbcUrl.substring(H2_FILE_PREFIX.length(), settingsStart < 0 ? jdbcUrl.length() : settingsStart);
        if (file.startsWith("~")) { // H2 reads a leading ~ as the user's home folder
            file = System.getProperty("user.home") + file.substring(1);
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        return Optional.ofNullable(parent);
    }

    /** {@code text} (an error message, say) with this password and any {@code password=} setting masked. */
    String mask(String text) {
        return redact(password.isEmpty() ? text : text.replace(password, "****"));
    }

    /** Shows everything but the password. */
    @Override
    public String toString() {
        return "StateStoreSettings[jdbcUrl=" + redactedUrl() + ", user=" + user + ", password="
                + (password.isEmpty() ? "(none)" : "****") + ", maxPoolSize=" + maxPoolSize
                + ", connectionTimeout=" + connectionTimeout.toMillis() + " ms]";
    }

    private static String redact(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1****");
    }
}
