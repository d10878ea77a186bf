package com.ciopulse.segmentsync.faults;

import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The source of every fault: one CSV file of {@value #RECORDS} business units, some inactive, as an exporter drops
 * it. What the sandbox must hold after recovery is exactly {@link #segments()}.
 */
final class SourceFile {

    static final int RECORDS = 2_000;
    static final String NAME = "units.csv";

    private final List<SandboxSegment> segments = IntStream.rangeClosed(1, RECORDS)
            .mapToObj(i -> new SandboxSegment(String.format("FI-%04d", i), String.format("C%04d", i),
                    "Unit " + i + " (region " + (i % 17) + ")", i % 7 == 0 ? "n" : "y"))
            .toList();
    private final Map<String, SandboxSegment> bySystemId = segments.stream()
            .collect(Collectors.toMap(SandboxSegment::systemId, segment -> segment));

    /** The segments the file describes, in file order. */
    List<SandboxSegment> segments() {
        return segments;
    }

    /** The segment the file describes for this system id. */
    Optional<SandboxSegment> segment(String systemId) {
        return Optional.ofNullable(bySystemId.get(systemId));
    }

    /** Writes the file into the folder, atomically, as {@value #NAME}. */
    void dropInto(DropFolder drop) throws IOException {
        StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name,active\n");
        segments.forEach(segment -> csv.append(segment.systemId()).append(',').append(segment.segmentCode())
                .append(",\"").append(segment.segmentName()).append("\",").append(segment.active()).append('\n'));
        drop.write(NAME, csv.toString());
    }
}
