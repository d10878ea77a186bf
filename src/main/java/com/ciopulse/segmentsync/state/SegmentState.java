package com.ciopulse.segmentsync.state;

import java.time.Instant;

/**
 * What CIOPulse holds for one segment this sync wrote, as far as the sync knows: the fields of every payload
 * the API accepted, merged (a partial update changes only the fields it sent).
 *
 * @param systemId    the segment's system id
 * @param segmentCode the code last accepted, or null when never sent
 * @param segmentName the name last accepted, or null when never sent
 * @param active      {@code y}/{@code n} last accepted, or null when never sent
 * @param source      the source that wrote it last
 * @param updatedAt   when the API accepted it
 */
public record SegmentState(String systemId, String segmentCode, String segmentName, String active, String source,
                           Instant updatedAt) {
}
