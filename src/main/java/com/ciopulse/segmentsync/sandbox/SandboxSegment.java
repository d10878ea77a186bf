package com.ciopulse.segmentsync.sandbox;

import java.util.Locale;
import java.util.Objects;

/**
 * A segment as the sandbox stores it.
 *
 * @param systemId    the {@code {system_id}} of the URL, percent-decoded
 * @param segmentCode the segment code, unique across segments
 * @param segmentName the segment name (after {@code &clean} replaced invalid characters, when asked)
 * @param active      {@code "y"} or {@code "n"}; any case is accepted here and stored lower-case
 */
public record SandboxSegment(String systemId, String segmentCode, String segmentName, String active) {

    public SandboxSegment {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(segmentCode, "segmentCode");
        Objects.requireNonNull(segmentName, "segmentName");
        Objects.requireNonNull(active, "active");
        active = active.toLowerCase(Locale.ROOT);
        if (!active.equals("y") && !active.equals("n")) {
            throw new IllegalArgumentException("active must be y or n, not '" + active + "'");
        }
    }

    /** An active segment with this id, code and name. */
    public static SandboxSegment active(String systemId, String segmentCode, String segmentName) {
        return new SandboxSegment(systemId, segmentCode, segmentName, "y");
    }

    /** Whether {@link #active()} is {@code "y"}. */
    public boolean isActive() {
        return active.equals("y");
    }
}
