package com.ciopulse.segmentsync.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Turns a {@link SegmentRecord} as a source holds it into a {@link ValidSegment} the API accepts, or explains
 * with a {@link SegmentValidationException} why it cannot.
 *
 * <p>The API's PUT is an upsert: creating needs code and name, updating takes any subset. Whether the segment
 * exists is unknown here, so partial records pass and {@link ValidSegment#complete()} lets the caller explain a
 * 400 on create later.
 *
 * <p>Identifiers (system_id, segment_code) are never changed beyond trimming: a changed one would name another
 * segment, or take a code the source never gave (and the 422 would then fall on the row that was right). One that
 * holds what cannot be sent is refused, naming the character and its position. Only segment_name goes through
 * the {@link SanitizingPolicy}. Every value sent otherwise than the source supplied it, trimming included, is listed
 * in {@link ValidSegment#sanitized()}.
 */
public final class SegmentValidator {

    /** Why an identifier is refused rather than cleaned, appended to the character and its position. */
    static final String NEVER_CHANGED = "; identifiers are never changed by the sync, so it must be corrected in "
            + "the source";

    private static final String NOTHING_TO_UPDATE = "nothing to update: none of segment_code, segment_name, active "
            + "is supplied (blank values count as not supplied)";

    private final SanitizingPolicy policy;
    private final boolean cleanNames;

    /** @param policy what to do with {@code "}, {@code \} and control characters in segment_name */
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

    /** The sanitizing policy applied to segment_name. */
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
        String systemId = identifier(record, "system_id", record.systemId(), TextChars::isControl);
        if (systemId == null) {
            throw new SegmentValidationException(record, "system_id", "is missing or blank");
        }
        List<SanitizedValue> changed = noteChange(List.of(), "system_id", record.systemId(), systemId);
        if (record.action() == SegmentAction.DELETE) {
            return new ValidSegment(systemId, null, null, null, SegmentAction.DELETE, record.source(),
                    record.sourceRef(), changed);
        }
        String code = identifier(record, "segment_code", record.segmentCode(), TextChars::isRefusedInJson);
        changed = noteChange(changed, "segment_code", record.segmentCode(), code);
        String name = sanitized(record, "segment_name", record.segmentName());
        if (cleanNames) {
            name = NameCleaning.clean(name);
        }
        changed = noteChange(changed, "segment_name", record.segmentName(), name);
        String active = active(record);
        if (code == null && name == null && active == null) {
            throw new SegmentValidationException(record, "segment_name", NOTHING_TO_UPDATE);
        }
        return new ValidSegment(systemId, code, name, active, SegmentAction.UPSERT, record.source(),
                record.sourceRef(), changed);
    }

    /**
     * A system id goes into the URL path, percent-encoded, so it may hold any text but control and invisible
     * formatting characters (they cannot be told apart in the Portal and usually mean a broken source). A segment
     * code goes into the JSON, so it must not hold {@code "} or {@code \} either (JSON needs a backslash for them,
     * and the API refuses any). Leading and trailing whitespace is not part of an identifier and is trimmed; inner
     * spaces stay as they are.
     *
     * @return the trimmed value, or null when the value is null or blank
     */
    private static String identifier(SegmentRecord record, String field, String value, IntPredicate refused) {
        if (value == null) {
            return null;
        }
        try {
            String stripped = TextChars.stripAndCheck(value, refused);
            return stripped.isEmpty() ? null : stripped;
        } catch (IllegalArgumentException e) {
            throw new SegmentValidationException(record, field, e.getMessage() + NEVER_CHANGED);
        }
    }

    /**
     * Adds a change to the list when the value sent is not the one supplied. The common case, nothing changed, is
     * an identity check and allocates nothing. A value that was blank to begin with is "not supplied", not a change.
     */
    private static List<SanitizedValue> noteChange(List<SanitizedValue> changed, String field, String supplied,
                                                   String sent) {
        if (supplied == null || supplied == sent || supplied.equals(sent)
                || (sent == null && TextChars.strip(supplied).isEmpty())) {
            return changed;
        }
        List<SanitizedValue> more = changed.isEmpty() ? new ArrayList<>(3) : changed;
        more.add(new SanitizedValue(field, supplied, sent));
        return more;
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
