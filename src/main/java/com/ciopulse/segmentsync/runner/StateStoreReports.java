package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.bundle.SegmentSyncBeans;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.io.PrintStream;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code --dead-letters list} and {@code --runs}: they only read the state store, so they open it from the
 * settings alone. No Camel Main, no routes, no servers and no API key: an operator may look without the key, and
 * while a runner holds the management port.
 */
final class StateStoreReports {

    private final PrintStream out;

    StateStoreReports(PrintStream out) {
        this.out = out;
    }

    int print(RunnerOptions options, String propertyLocations) throws Exception {
        try (StateStore store = StateStore.open(settings(propertyLocations))) {
            DeadLetterStore deadLetters = new DeadLetterStore(store.dataSource());
            if (options.runs() > 0) {
                return new RunHistoryCommand(new SyncRunStore(store.dataSource()), deadLetters, out).list(options.runs());
            }
            return new DeadLetterCommands(deadLetters, out).list();
        }
    }

    /** The {@code sync.state.*} settings as Camel Main resolves them: property files, -D options, environment. */
    static StateStoreSettings settings(String propertyLocations) throws Exception {
        // a context only for its property resolution: never started, so never stopped (which would log its
        // lifecycle for a command that printed nothing of Camel); it holds no thread
        CamelContext context = new DefaultCamelContext();
        PropertiesComponent properties = (PropertiesComponent) context.getPropertiesComponent();
        properties.setLocation(propertyLocations);
        // Camel Main applies this one from the same files; it decides whether the environment overrides them
        properties.setEnvironmentVariableMode(Integer.parseInt(context.resolvePropertyPlaceholders(
                "{{camel.component.properties.environment-variable-mode:2}}").trim()));
        return SegmentSyncBeans.stateStoreSettings(context);
    }
}
