package com.ciopulse.segmentsync.segment;

/**
 * A segment as the Segments API returns it on GET.
 *
 * @param systemId    {@code Segment_System_ID}, never blank
 * @param segmentCode {@code Segment_Code}, or null when absent
 * @param segmentName {@code Segment_Name}, or null when absent
 * @param active      {@code Active} as {@code y}/{@code n} (the API answers {@code Y}/{@code N}), or null when absent
 */
public record RemoteSegment(String systemId, String segmentCode, String segmentName, String active) {
}
