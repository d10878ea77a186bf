package com.ciopulse.segmentsync.faults;

import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What became of the source file's records, counted from what a user can look at: the sandbox's segments, the
 * done folder and its results, the open dead letters and the sandbox's request journal.
 *
 * @param acknowledged         records of done files whose result gives every record an outcome
 * @param acknowledgedWithGaps done files whose result counts fewer (or more) outcomes than records: a bug
 * @param deadLettered         system ids of the open dead letters of the source
 * @param lost                 system ids of source records neither in the sandbox with the source's values, nor
 *                             dead-lettered, nor reported with a final outcome in a result
 * @param calls                requests the sandbox received
 */
record FileAccount(int acknowledged, List<String> acknowledgedWithGaps, Set<String> deadLettered, List<String> lost,
                   int calls) {

    static FileAccount of(SourceFile source, SegmentsSandbox sandbox, DropFolder drop, List<DeadLetter> openDeadLetters) {
        int acknowledged = 0;
        List<String> withGaps = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (Path done : drop.done()) {
            JsonNode result = drop.resultOf(done);
            int records = result.path("records").asInt();
            int outcomes = 0;
            for (JsonNode count : result.path("counts")) {
                outcomes += count.asInt();
            }
            if (!"done".equals(result.path("status").asText()) || outcomes != records) {
                withGaps.add(done.getFileName() + ": " + result);
            } else {
                acknowledged += records;
            }
            result.path("problems").forEach(problem -> reported.add(problem.path("systemId").asText()));
        }
        Set<String> deadLettered = new HashSet<>();
        openDeadLetters.forEach(letter -> deadLettered.add(letter.systemId()));
        List<String> lost = source.segments().stream()
                .map(SandboxSegment::systemId)
                .filter(id -> !deadLettered.contains(id) && !reported.contains(id))
                .filter(id -> !sandbox.segment(id).equals(source.segment(id)))
                .toList();
        return new FileAccount(acknowledged, withGaps, deadLettered, lost, sandbox.requestCount());
    }

    FaultRow row(String fault, String injected, Duration wall) {
        return new FaultRow(fault, injected, SourceFile.RECORDS, acknowledged, deadLettered.size(), lost.size(), calls,
                wall, 0);
    }

    @Override
    public String toString() {
        return "acknowledged " + acknowledged + ", dead-lettered " + deadLettered.size() + ", lost " + lost.size()
                + (lost.isEmpty() ? "" : " " + lost.subList(0, Math.min(10, lost.size()))) + ", calls " + calls
                + (acknowledgedWithGaps.isEmpty() ? "" : ", acknowledged with records lacking an outcome: "
                + acknowledgedWithGaps);
    }
}
