package com.ciopulse.segmentsync.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Files the benchmarks generate: CSVs of made-up business units, and the temporary folder they live in. */
final class BenchFiles {

    private BenchFiles() {
    }

    /** A CSV with a header and {@code rows} units {@code <idPrefix>i}, codes {@code <codePrefix>i}, every 7th inactive. */
    static void writeCsv(Path file, int rows, String idPrefix, String codePrefix) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("system_id,segment_code,segment_name,active\n");
            for (int i = 1; i <= rows; i++) {
                out.write(idPrefix + i + "," + codePrefix + i + ",\"" + name(i) + "\"," + active(i) + "\n");
            }
        }
    }

    /** The segment name of unit {@code i}: holds a comma, so the CSV quotes it. */
    static String name(int i) {
        return "Business unit " + i + ", benchmark region";
    }

    static String active(int i) {
        return i % 7 == 0 ? "n" : "y";
    }

    static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
