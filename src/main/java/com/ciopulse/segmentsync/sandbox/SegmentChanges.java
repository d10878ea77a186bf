package com.ciopulse.segmentsync.sandbox;

/**
 * The fields a PUT payload sets; a null field was omitted and stays unchanged on update.
 *
 * @param segmentCode the new code, or null
 * @param segmentName the new name, or null
 * @param active      {@code "y"} or {@code "n"} (already lower-case), or null
 */
record SegmentChanges(String segmentCode, String segmentName, String active) {

    static final String SEGMENT_CODE = "segment_code";
    static final String SEGMENT_NAME = "segment_name";
    static final String ACTIVE = "active";

    SegmentChanges withCleanedName() {
        return segmentName == null ? this
                : new SegmentChanges(segmentCode, SegmentNameCleaner.clean(segmentName), active);
    }

    /** A new segment from these values; code and name are mandatory, active defaults to {@code y}. */
    SandboxSegment create(String systemId) {
        if (segmentCode == null || segmentName == null) {
            String fields = segmentCode == null && segmentName == null
                    ? "Fields '" + SEGMENT_CODE + "' and '" + SEGMENT_NAME + "' are"
                    : "Field '" + (segmentCode == null ? SEGMENT_CODE : SEGMENT_NAME) + "' is";
            throw ApiError.badRequest(fields + " required to create a Segment (no Segment has system_id '"
                    + systemId + "')");
        }
        return new SandboxSegment(systemId, segmentCode, segmentName, active == null ? "y" : active);
    }

    /** The existing segment with the fields these changes set replaced. */
    SandboxSegment applyTo(SandboxSegment existing) {
        return new SandboxSegment(existing.systemId(),
                segmentCode == null ? existing.segmentCode() : segmentCode,
                segmentName == null ? existing.segmentName() : segmentName,
                active == null ? existing.active() : active);
    }
}
