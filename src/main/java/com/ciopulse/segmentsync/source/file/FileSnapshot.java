package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A drop file that holds everything its source has ({@code mode=full}): its chunks are read whole and handed
 * to the reconcile as one snapshot, and the reconcile's outcomes go back into the file's result row by row.
 */
public final class FileSnapshot {

    private FileSnapshot() {
    }

    /** Reads every chunk: a snapshot is compared as a whole. */
    public static List<FileChunk> read(Iterator<FileChunk> chunks) {
        List<FileChunk> all = new ArrayList<>();
        chunks.forEachRemaining(all::add);
        return all;
    }

    public static List<SegmentRecord> records(List<FileChunk> chunks) {
        return chunks.stream().flatMap(chunk -> chunk.records().stream()).toList();
    }

    /**
     * Gives each chunk the outcomes of its own records (matched by source reference, file and line) and counts,
     * one by one, what the reconcile did beyond the file's rows: the owned segments that left it, which all share
     * one source reference.
     */
    public static void sent(List<FileChunk> chunks, BatchResult reconciled, FileResult result) {
        Set<String> fileRefs = new HashSet<>();
        chunks.forEach(chunk -> chunk.records().forEach(record -> fileRefs.add(record.sourceRef())));
        Map<String, SegmentOutcome> byRef = new HashMap<>();
        for (SegmentOutcome outcome : reconciled.outcomes()) {
            if (fileRefs.contains(outcome.sourceRef())) {
                byRef.put(outcome.sourceRef(), outcome);
            } else {
                result.countBeyondTheFile(outcome.outcome().label());
            }
        }
        for (FileChunk chunk : chunks) {
            chunk.sent(new BatchResult(chunk.records().stream().map(record -> byRef.remove(record.sourceRef())).toList()));
        }
    }
}
