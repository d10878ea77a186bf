package com.example.units;

import com.ciopulse.segmentsync.bundle.SegmentSyncBeans;
import org.apache.camel.main.Main;

/** A host application: its own routes and settings, plus the segment sync bundle. */
public final class UnitsApplication {

    private UnitsApplication() {
    }

    public static void main(String[] args) throws Exception {
        create().run(args);
    }

    /**
     * Camel Main with the bundle's beans beside the application's own; the application's Java routes are found in
     * this package, its YAML routes and the bundle's by {@code camel.main.routes-include-pattern}.
     */
    public static Main create() {
        Main main = new Main(UnitsApplication.class);
        main.configure().addConfiguration(new SegmentSyncBeans());
        return main;
    }
}
