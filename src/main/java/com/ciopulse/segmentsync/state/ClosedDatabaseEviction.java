package com.ciopulse.segmentsync.state;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells HikariCP to replace every pooled connection once H2 says its database is closed or read-only, so that the
 * store comes back by itself when the disk takes writes again.
 *
 * <p>H2 closes an embedded database for good when it fails to write its file (disk full, file made immutable):
 * every session still open then fails with 90098 "The database has been closed", yet {@code Connection.isValid}
 * still answers true, so HikariCP's own checks keep handing out the dead connections and nothing recovers
 * without a restart. A new connection opens the file again as soon as it is writable. All pooled connections
 * share the one closed database, so one such error evicts them all, not just the connection that met it.
 * 90097 "The database is read only" is the same fault met when a connection is opened while the file cannot be
 * written and {@code AUTO_SERVER} is off: H2 then opens the database read-only, and keeps it so while any
 * session holds it.
 *
 * <p>The SQL states are H2's own; other databases (PostgreSQL) never use them, and HikariCP's rules for them
 * (SQL state class 08 and the like) stay as they are.
 */
final class ClosedDatabaseEviction implements SQLExceptionOverride {

    private static final Set<String> DATABASE_GONE = Set.of("90098", "90097");

    private volatile Runnable evictAll = () -> { };

    /** What evicts every connection of the pool; the pool exists only after its configuration is complete. */
    void evictAllWith(Runnable evictAll) {
        this.evictAll = evictAll;
    }

    @java.lang.Override // SQLExceptionOverride.Override, the verdict, shadows the annotation
    public Override adjudicate(SQLException error) {
        if (!DATABASE_GONE.contains(error.getSQLState())) {
            return Override.CONTINUE_EVICT;
        }
        evictAll.run();
        return Override.MUST_EVICT;
    }
}
