package com.ciopulse.segmentsync.segment;

import java.util.Objects;

/**
 * Turns a {@link SegmentRecord} as a source holds it into a {@link ValidSegment} the API accepts, or explains
 * with a {@link SegmentValidationException} why it cannot.
 *
 * <p>The API's PUT is an upsert: creating needs code and name, updating takes any subset. Whether the segment
 * exists is unknown here, so partial records pass and {@link ValidSegment#complete()} lets the caller explain a
 * 400 on create later.
 */
public final class SegmentValidator {

    private static final String NOTHING_TO_UPDATE = "nothing to update: none of segment_code, segment_name, active "
            + "is supplied (blank values count as not supplied)";

    private final SanitizingPolicy policy;
    private final boolean cleanNames;

    /** @param policy what to do with {@code "}, {@code \} and control characters in code and name */
    public SegmentValidator(SanitizingPolicy policy) {
        this(policy, false);
    }

    /**
     * @param policy     what to do with {@code "}, {@code \} and control characters in code and name
     * @param cleanNames whether the characters the API calls invalid in a name become hyphens ({@link NameCleaning})
     */
    public SegmentValidator(SanitizingPolicy policy, boolean cleanNames) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cleanNames = cleanNames;
    }

    /** The sanitizing policy applied to segment_code and segment_name. */
    public SanitizingPolicy policy() {
        return policy;
    }

    /**
     * Validates and sanitizes one record. A delete needs only a system_id; its other fields are ignored. An upsert
     * needs a system_id and at least one of segment_code, segment_name, active.
     *
     * @throws SegmentValidationException naming source, record, field and reason
     */
    public ValidSegment validate(SegmentRecord record) {
        Objects.requireNonNull(record, "record");
        String systemId = systemId(record);
        if (record.action() == SegmentAction.DELETE) {
            return new ValidSegment(systemId, null, null, null, SegmentAction.DELETE, record.source(),
                    record.sourceRef());
        }
        String code = sanitized(record, "segment_code", record.segmentCode());
        String name = sanitized(record, "segment_name", record.segmentName());
        if (cleanNames) {
            name = NameCleaning.clean(name);
        }
        String active = active(record);
        if (code == null && name == null && active == null) {
            throw new SegmentValidationException(record, "segment_name", NOTHING_TO_UPDATE);
        }
        return new ValidSegment(systemId, code, name, active, SegmentAction.UPSERT, record.source(),
                record.sourceRef());
    }

    /**
     * A system id may hold any text, since it is percent-encoded into the URL path, but not control characters:
     * they cannot be told apart in the Portal and usually mean a broken source. It is trimmed, never otherwise
     * changed, so it keeps matching the segment it names.
     */
    private static String systemId(SegmentRecord record) {
        String raw = record.systemId();
        if (raw == null || TextChars.strip(raw).isEmpty()) {
            throw new SegmentValidationException(record, "system_id", "is missing or blank");
        }
        try {
            return TextChars.stripAndCheck(raw, TextChars::isControl);
        } catch (IllegalArgumentException e) {
            throw new SegmentValidationException(record, "system_id", e.getMessage());
        }
    }

    private String sanitized(SegmentRecord record, String field, String value) {
        try {
            return policy.sanitize(value);
        } catch (IllegalArgumentException e) {
            throw new SegmentValidationException(record, field, e.getMessage());
        }
    }

    private static String active(SegmentRecord record) {
        try {
            return ActiveFlag.parse(record.active()).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new SegmentValidationException(record, "active", e.getMessage());
        }
    }
}
