package com.ciopulse.segmentsync.runner;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the runner gracefully before the JVM begins to shut down. Left to the JVM, a signal starts
 * every shutdown hook at once: Camel Main's graceful stop in one, H2's close of the state store database in another,
 * so the records still in flight could not store their states (to be sent again after the restart). H2 cannot be
 * told to stay open ({@code DB_CLOSE_ON_EXIT=FALSE} is refused with the {@code AUTO_SERVER=TRUE} the dead-letter
 * commands need), so the runner handles the signal itself: Camel stops, the state store closes with the
 * CamelContext, and only then does the JVM exit, with the status the signal would have given (128 + its number).
 * A second signal, or one that comes when no sync is running, exits at once, as the JVM would.
 *
 * <p>{@code sun.misc.Signal} is one of the JDK's critical internal APIs that stay accessible (JEP 260; javac still
 * warns that it is proprietary). Where a signal cannot be handled ({@code -Xrs}, an OS without it), it is left as
 * it was.
 */
final class StopSignals {

    private static final List<String> NAMES = List.of("TERM", "INT");

    private final BooleanSupplier stopGracefully;
    private final AtomicReference<Signal> received = new AtomicReference<>();

    private StopSignals(BooleanSupplier stopGracefully) {
        this.stopGracefully = stopGracefully;
    }

    /**
     * @param stopGracefully asks the running sync to stop; false when none runs (nothing to wait for)
     */
    static StopSignals install(BooleanSupplier stopGracefully) {
        StopSignals signals = new StopSignals(stopGracefully);
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signals::received);
            } catch (IllegalArgumentException e) {
                // -Xrs, or not a signal on this OS: left as it was
            }
        }
        return signals;
    }

    /** The exit status: the signal's when one stopped the runner, else the run's own. */
    int exitStatus(int runStatus) {
        Signal signal = received.get();
        return signal == null ? runStatus : 128 + signal.getNumber();
    }

    private void received(Signal signal) {
        if (received.compareAndSet(null, signal)) {
            LoggerFactory.getLogger(StopSignals.class).info("SIG{} received: stopping gracefully (records in flight finish"
                    + " and their states are stored; a second signal stops at once)", signal.getName());
            if (stopGracefully.getAsBoolean()) {
                return;
            }
        }
        System.exit(128 + signal.getNumber());
    }
}
