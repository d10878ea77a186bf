package com.ciopulse.segmentsync.mapping;

import com.ciopulse.segmentsync.segment.ActiveFlag;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * The one mapping from a source record to the canonical {@link SegmentRecord}, whatever the source: where each
 * segment field comes from ({@link FieldSource}), a prefix for system ids, and what makes a segment inactive. It
 * checks only what a record can get wrong on its way in (an object where text belongs, a failing expression); the
 * pipeline validates the rest.
 *
 * <p>The active flag: a record whose status field (a soft-delete or status column, Salesforce's {@code IsDeleted})
 * holds one of its inactive values is {@code n}; otherwise the active field decides, read through the active
 * field's inactive values when there are any ({@code n} for one of them, {@code y} for any other value that is not
 * blank); with a status field and no active field every other record is {@code y}.
 */
public final class SegmentMapping {

    /** Key of the action ({@code upsert} or {@code delete}) among the mapped fields. */
    public static final String ACTION = "action";
    /** Key of the status field among the mapped fields ({@link #names()}). */
    public static final String STATUS = "status";

    private static final List<String> FIELDS = List.of(SegmentRecords.SYSTEM_ID, SegmentRecords.SEGMENT_CODE,
            SegmentRecords.SEGMENT_NAME, SegmentRecords.ACTIVE, ACTION, STATUS);
    private static final int SYSTEM_ID = 0;
    private static final int CODE = 1;
    private static final int NAME = 2;
    private static final int ACTIVE = 3;
    private static final int ACTION_AT = 4;
    private static final int STATUS_AT = 5;

    private final FieldSource[] sources;
    private final String systemIdPrefix;
    private final Set<String> inactiveValues;
    private final Set<String> statusInactiveValues;
    private final boolean nestedAsJson;
    private final UnaryOperator<String> valueCheck;
    private final boolean usesExpressions;

    private SegmentMapping(Builder builder) {
        this.sources = builder.sources.clone();
        this.systemIdPrefix = builder.systemIdPrefix;
        this.inactiveValues = builder.inactiveValues;
        this.statusInactiveValues = builder.statusInactiveValues;
        this.nestedAsJson = builder.nestedAsJson;
        this.valueCheck = builder.valueCheck;
        this.usesExpressions = Arrays.stream(sources).anyMatch(FieldSource::isExpression);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Maps one record. A field that cannot be read leaves the record without it and is named in the result; the
     * first such field is the one named.
     *
     * @param scratch an exchange the expressions are evaluated on (the record becomes its body); may be null when
     *                {@link #usesExpressions()} is false, so a mapping without expressions never builds the body
     */
    public MappedRecord map(RecordFields fields, String source, String sourceRef, Exchange scratch) {
        if (usesExpressions) {
            scratch.getMessage().setBody(fields.body());
        }
        String[] values = new String[sources.length];
        String badField = null;
        String problem = null;
        for (int i = 0; i < sources.length; i++) {
            FieldSource from = sources[i];
            if (from.isNone()) {
                continue;
            }
            String reason = null;
            try {
                values[i] = text(from.valueIn(fields, scratch));
            } catch (IllegalArgumentException e) {
                reason = e.getMessage();
            } catch (RuntimeException e) {
                reason = (from.isExpression() ? "the expression " : "reading ") + from + " failed: " + e.getMessage();
            }
            if (reason != null && badField == null) {
                badField = i == STATUS_AT ? SegmentRecords.ACTIVE : FIELDS.get(i);
                problem = reason;
            }
        }
        SegmentAction action = SegmentAction.UPSERT;
        try {
            action = SegmentAction.parse(values[ACTION_AT]);
        } catch (IllegalArgumentException e) {
            if (badField == null) {
                badField = ACTION;
                problem = e.getMessage();
            }
        }
        SegmentRecord record = new SegmentRecord(source, sourceRef, prefixed(values[SYSTEM_ID]), values[CODE],
                values[NAME], active(values[ACTIVE], values[STATUS_AT]), action);
        return new MappedRecord(record, badField, problem);
    }

    /**
     * The text of one segment field as the record holds it, without the rules of the whole record (prefix, active
     * flag): for a source that builds its records in its own way, such as a change event's.
     *
     * @throws IllegalArgumentException whose message is the reason, when the value cannot be a field's text
     */
    public String value(String field, RecordFields fields, Exchange scratch) {
        return text(source(field).valueIn(fields, scratch));
    }

    /**
     * The system id of a record that cannot be read as a whole, when it is read by name and that field could be
     * read: reports then name the record by it. An expression needs the whole record, so it gives none.
     */
    public String systemIdReadAlone(RecordFields fields) {
        String name = sources[SYSTEM_ID].name();
        if (fields == null || name == null) {
            return null;
        }
        try {
            String text = text(fields.get(name));
            return text == null || text.isBlank() ? null : systemIdPrefix + text.strip();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** Where a field comes from: one of {@code system_id}, {@code segment_code}, ..., {@link #ACTION}, {@link #STATUS}. */
    public FieldSource source(String field) {
        int index = FIELDS.indexOf(field);
        if (index < 0) {
            throw new IllegalArgumentException("no segment field " + field + "; one of " + FIELDS);
        }
        return sources[index];
    }

    /**
     * The fields read by name, and their names, in the order system id, code, name, active, action, status: the
     * columns of a SELECT, the columns a CSV header must have.
     */
    public Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < sources.length; i++) {
            if (sources[i].name() != null) {
                names.put(FIELDS.get(i), sources[i].name());
            }
        }
        return names;
    }

    public boolean usesExpressions() {
        return usesExpressions;
    }

    /** Comma-separated values, as a setting lists them, compared ignoring case and surrounding blanks. */
    public static Set<String> valueSet(String commaSeparated) {
        return commaSeparated == null ? Set.of() : Arrays.stream(commaSeparated.split(","))
                .map(SegmentMapping::normalized)
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private String text(Object value) {
        String text = FieldText.of(value, nestedAsJson);
        if (text != null && valueCheck != null) {
            String problem = valueCheck.apply(text);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        return text;
    }

    private String prefixed(String systemId) {
        return systemId == null || systemId.isBlank() ? systemId : systemIdPrefix + systemId.strip();
    }

    private String active(String active, String status) {
        if (status != null && statusInactiveValues.contains(normalized(status))) {
            return ActiveFlag.NO;
        }
        if (!inactiveValues.isEmpty() && active != null && !active.isBlank()) {
            return inactiveValues.contains(normalized(active)) ? ActiveFlag.NO : ActiveFlag.YES;
        }
        if (sources[ACTIVE].isNone() && !sources[STATUS_AT].isNone()) {
            return ActiveFlag.YES;
        }
        return active;
    }

    private static String normalized(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** Builds a mapping; a field not set is not supplied. */
    public static final class Builder {

        private final FieldSource[] sources = new FieldSource[FIELDS.size()];
        private String systemIdPrefix = "";
        private Set<String> inactiveValues = Set.of();
        private Set<String> statusInactiveValues = Set.of();
        private boolean nestedAsJson;
        private UnaryOperator<String> valueCheck;

        private Builder() {
            Arrays.fill(sources, FieldSource.NONE);
        }

        /** @param field {@code system_id}, {@code segment_code}, {@code segment_name}, {@code active} or {@link #ACTION} */
        public Builder field(String field, FieldSource source) {
            int index = FIELDS.indexOf(field);
            if (index < 0 || index == STATUS_AT) {
                throw new IllegalArgumentException("no segment field " + field + "; one of " + FIELDS.subList(0, STATUS_AT));
            }
            sources[index] = source;
            return this;
        }

        /** Put before every system id (e.g. {@code EU-}), so that ids of two systems cannot clash. */
        public Builder systemIdPrefix(String prefix) {
            this.systemIdPrefix = prefix == null ? "" : prefix.strip();
            return this;
        }

        /**
         * Values of the active field that mean inactive (compared ignoring case): such a value becomes {@code n},
         * any other value that is not blank {@code y}. None: the active field's value goes to the pipeline as it is.
         */
        public Builder inactiveValues(Set<String> values) {
            this.inactiveValues = normalizedSet(values);
            return this;
        }

        /** A status field whose listed values (compared ignoring case) make a record inactive, whatever else it says. */
        public Builder deactivatedBy(FieldSource status, Set<String> values) {
            sources[STATUS_AT] = status;
            this.statusInactiveValues = normalizedSet(values);
            return this;
        }

        /**
         * An object or list becomes its JSON text, for a source that hands every record to the pipeline and has no
         * way to refuse one of them alone; by default such a value is refused, naming the field.
         */
        public Builder nestedValuesAsJson() {
            this.nestedAsJson = true;
            return this;
        }

        /** A check of every value the source reads: it returns why a text cannot be sent, or null when it can. */
        public Builder checkingValues(UnaryOperator<String> check) {
            this.valueCheck = check;
            return this;
        }

        public SegmentMapping build() {
            return new SegmentMapping(this);
        }

        private static Set<String> normalizedSet(Set<String> values) {
            return values.stream().map(SegmentMapping::normalized).collect(Collectors.toUnmodifiableSet());
        }
    }
}
