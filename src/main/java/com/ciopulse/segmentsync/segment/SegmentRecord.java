package com.ciopulse.segmentsync.segment;

/**
 * The canonical segment record every source hands to the pipeline, as the source holds it: raw values, not
 * yet validated or sanitized. A {@code null} field means the source does not supply it (on update the API
 * then leaves it unchanged).
 *
 * @param source      id of the source instance that produced the record (e.g. {@code file-drop})
 * @param sourceRef   where in the source the record comes from (file + line, row key, replay id), for errors
 * @param systemId    the id of the business unit in the source system; becomes the URL path segment
 * @param segmentCode the segment code, or null
 * @param segmentName the segment name, or null
 * @param active      the active flag as the source holds it (y/n, yes/no, true/false, 1/0, active/inactive), or null
 * @param action      upsert or delete
 */
public record SegmentRecord(String source, String sourceRef, String systemId, String segmentCode,
                            String segmentName, String active, SegmentAction action) {

    public SegmentRecord {
        action = action == null ? SegmentAction.UPSERT : action;
    }

    /** The system id without leading and trailing whitespace, as validation keeps it; null when there is none. */
    public String strippedSystemId() {
        return systemId == null ? null : TextChars.strip(systemId);
    }

    /**
     * How errors name this record: the system id when there is one, and the source reference. Control characters
     * show as {@code <U+000A>}, so a value cannot forge log lines.
     */
    public String describe() {
        String where = sourceRef == null || sourceRef.isBlank() ? "" : " at " + TextChars.printable(sourceRef);
        String id = systemId == null || systemId.isBlank()
                ? "(no system_id)" : "system_id '" + TextChars.printable(systemId) + "'";
        return "source '" + TextChars.printable(source) + "' record " + id + where;
    }
}
