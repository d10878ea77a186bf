package com.ciopulse.segmentsync.segment;

import java.util.List;
import java.util.Objects;

/**
 * A segment record that passed {@link SegmentValidator}: trimmed identifiers, the cleaned name, the active flag as
 * {@code y}/{@code n}. A {@code null} code, name or active flag is omitted from the payload, so the API leaves
 * that field unchanged on update. A delete carries the system id only.
 *
 * @param systemId    the segment's system id, trimmed, never blank; goes into the URL path
 * @param segmentCode the segment code, trimmed, or null
 * @param segmentName the segment name as the sanitizing policy cleaned it, or null
 * @param active      {@code y}, {@code n} or null
 * @param action      upsert or delete
 * @param source      id of the source instance that produced the record
 * @param sourceRef   where in the source the record comes from, or null
 * @param sanitized   every value that differs from what the source supplied, before and after; empty when none
 */
public record ValidSegment(String systemId, String segmentCode, String segmentName, String active,
                           SegmentAction action, String source, String sourceRef, List<SanitizedValue> sanitized) {

    /** A segment whose values are all sent as the source supplied them. */
    public ValidSegment(String systemId, String segmentCode, String segmentName, String active, SegmentAction action,
                        String source, String sourceRef) {
        this(systemId, segmentCode, segmentName, active, action, source, sourceRef, List.of());
    }

    public ValidSegment {
        if (systemId == null || systemId.isBlank()) {
            throw new IllegalArgumentException("a valid segment needs a system_id");
        }
        if (active != null && !active.equals(ActiveFlag.YES) && !active.equals(ActiveFlag.NO)) {
            throw new IllegalArgumentException("active must be y, n or null");
        }
        Objects.requireNonNull(action, "action");
        // List.of() is one shared instance: the common record, with nothing changed, allocates nothing here
        sanitized = sanitized == null || sanitized.isEmpty() ? List.of() : List.copyOf(sanitized);
    }

    /** Whether code and name are both present: what the API needs to create a segment that does not exist yet. */
    public boolean complete() {
        return segmentCode != null && segmentName != null;
    }

    /** Whether code, name and active flag are all present: an update that leaves none of them as it was. */
    public boolean suppliesEveryField() {
        return complete() && active != null;
    }

    /**
     * The PUT body: a JSON object with the supplied fields only, in the order {@code segment_code},
     * {@code segment_name}, {@code active}. Non-ASCII text is written as is (UTF-8 once encoded), never as
     * <code>&#92;uXXXX</code> escapes.
     *
     * @throws IllegalStateException for a delete, which has no body, or if the JSON would contain a backslash,
     *                               which the API refuses (sanitizing makes that unreachable)
     */
    public String payloadJson() {
        if (action == SegmentAction.DELETE) {
            throw new IllegalStateException(
                    "a delete has no payload (system_id '" + TextChars.printable(systemId) + "')");
        }
        String payload = SegmentJson.of(segmentCode, segmentName, active);
        int backslash = payload.indexOf('\\');
        if (backslash >= 0) {
            throw new IllegalStateException("the payload for system_id '" + TextChars.printable(systemId)
                    + "' would contain a backslash at offset " + backslash + "; the Segments API refuses it");
        }
        return payload;
    }
}
