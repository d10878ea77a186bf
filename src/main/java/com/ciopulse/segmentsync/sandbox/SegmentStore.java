package com.ciopulse.segmentsync.sandbox;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox's segments, keyed by system_id in creation order, and which of them have survey responses.
 * Every method is atomic (one lock), so a check such as "is this code taken" and the write it guards cannot
 * interleave with another request. Codes are unique, so they are indexed: a PUT costs the same with 10 segments
 * as with 100,000 (with a scan per PUT, a benchmark would measure the sandbox rather than the sync).
 */
final class SegmentStore {

    private final Map<String, SandboxSegment> bySystemId = new LinkedHashMap<>();
    private final Map<String, String> systemIdByCode = new HashMap<>();
    private final Set<String> withSurveyResponses = new HashSet<>();

    /** What a PUT did: the segment as now stored, and whether it was created (201) or updated (200). */
    record Upserted(SandboxSegment segment, boolean created) {
    }

    synchronized Optional<SandboxSegment> find(String systemId) {
        return Optional.ofNullable(bySystemId.get(systemId));
    }

    synchronized List<SandboxSegment> all() {
        return List.copyOf(bySystemId.values());
    }

    /** Creates the segment or applies the changes to it; 400 on a missing mandatory field, 422 on a taken code. */
    synchronized Upserted upsert(String systemId, SegmentChanges changes) {
        SandboxSegment existing = bySystemId.get(systemId);
        SandboxSegment result = existing == null ? changes.create(systemId) : changes.applyTo(existing);
        otherOwner(result.segmentCode(), systemId).ifPresent(owner -> {
            // the reference's wording only: the real API does not say who holds the code, the sync finds out
            throw new ApiError(422, "Another Segment already has this Segment Code");
        });
        put(result);
        return new Upserted(result, existing == null);
    }

    /** Deletes the segment; 404 when there is none, 400 when it has survey responses. */
    synchronized void delete(String systemId) {
        if (!bySystemId.containsKey(systemId)) {
            throw notFound(systemId);
        }
        if (withSurveyResponses.contains(systemId)) {
            throw ApiError.badRequest("Segment with system_id '" + systemId + "' has survey Responses completed for"
                    + " it and cannot be deleted");
        }
        systemIdByCode.remove(bySystemId.remove(systemId).segmentCode());
    }

    /** Puts a segment as given, replacing one with the same system_id; its code must not be another's. */
    synchronized void seed(SandboxSegment segment) {
        Objects.requireNonNull(segment, "segment");
        otherOwner(segment.segmentCode(), segment.systemId()).ifPresent(owner -> {
            throw new IllegalArgumentException("segment code '" + segment.segmentCode()
                    + "' already belongs to system_id '" + owner + "'");
        });
        put(segment);
    }

    synchronized void addSurveyResponse(String systemId) {
        if (!bySystemId.containsKey(systemId)) {
            throw new IllegalArgumentException("no segment has system_id '" + systemId + "'");
        }
        withSurveyResponses.add(systemId);
    }

    synchronized void clear() {
        bySystemId.clear();
        systemIdByCode.clear();
        withSurveyResponses.clear();
    }

    static ApiError notFound(String systemId) {
        return new ApiError(404, "A Segment with this System ID was not found: '" + systemId + "'");
    }

    private void put(SandboxSegment segment) {
        SandboxSegment replaced = bySystemId.put(segment.systemId(), segment);
        if (replaced != null) {
            systemIdByCode.remove(replaced.segmentCode());
        }
        systemIdByCode.put(segment.segmentCode(), segment.systemId());
    }

    /** The system_id of a segment other than {@code systemId} that has this code (compared exactly). */
    private Optional<String> otherOwner(String segmentCode, String systemId) {
        return Optional.ofNullable(systemIdByCode.get(segmentCode)).filter(owner -> !owner.equals(systemId));
    }
}
