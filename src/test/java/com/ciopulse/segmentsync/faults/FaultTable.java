package com.ciopulse.segmentsync.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects the row of every fault test and writes the assembled table to {@value #FILE} once, when the whole test
 * run ends (a resource of JUnit's root store is closed then), whichever fault classes ran. It is printed too, but
 * Surefire files what is printed then under the test class that ran last, so the file is where to read it.
 */
final class FaultTable implements BeforeAllCallback {

    static final String FILE = "target/fault-injection-table.md";

    private static final ConcurrentLinkedQueue<FaultRow> ROWS = new ConcurrentLinkedQueue<>();

    static void add(FaultRow row) {
        ROWS.add(row);
        System.out.println(FaultRow.HEADER + System.lineSeparator() + row.markdown());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.create(FaultTable.class))
                .getOrComputeIfAbsent(Printer.class, key -> new Printer(), Printer.class);
    }

    /** Closed by JUnit at the end of the run. */
    private static final class Printer implements AutoCloseable {
        @Override
        public void close() {
            if (ROWS.isEmpty()) {
                return;
            }
            List<String> lines = new ArrayList<>(List.of("Fault injection: " + SourceFile.RECORDS
                    + " records per fault", "", FaultRow.HEADER, FaultRow.RULE));
            ROWS.forEach(row -> lines.add(row.markdown()));
            lines.forEach(System.out::println);
            try {
                Files.write(Path.of(FILE), lines);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + FILE, e);
            }
        }
    }
}
