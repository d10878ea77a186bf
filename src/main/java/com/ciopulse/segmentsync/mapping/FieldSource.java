package com.ciopulse.segmentsync.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;

/**
 * Where one segment field of a record comes from:
 * <ul>
 *   <li>a field name, as the source names its fields ({@code Unit ID}, {@code unit_code}, {@code Parent.Name},
 *       {@code $.organization_fields.code});</li>
 *   <li>a JSON Pointer to a nested field ({@code /details/name});</li>
 *   <li>a constant, the same for every record ({@code 'EU'} in a file drop's settings);</li>
 *   <li>a Camel simple expression over the record ({@code ${body[Region]}-${body[Code]}}), evaluated only where one
 *       is configured;</li>
 *   <li>none: the source does not supply the field, so the API keeps its value.</li>
 * </ul>
 */
public final class FieldSource {

    /** What a field source is. */
    public enum Kind { NAME, POINTER, CONSTANT, EXPRESSION, NONE }

    /** The field is not supplied. */
    public static final FieldSource NONE = new FieldSource(Kind.NONE, "", null, null);

    private final Kind kind;
    private final String spec;
    private final String text;
    private final JsonPointer pointer;
    private volatile Expression expression;

    private FieldSource(Kind kind, String spec, String text, JsonPointer pointer) {
        this.kind = kind;
        this.spec = spec;
        this.text = text;
        this.pointer = pointer;
    }

    /**
     * Reads the spelling of a file drop's {@code ...From} settings: {@code 'text'} a constant, anything holding
     * {@code ${} an expression, {@code /a/b} a JSON Pointer, empty none, any other text a field name.
     *
     * @param context compiles an expression now, so a wrong one stops the start; null compiles it at first use
     */
    public static FieldSource parse(String spec, CamelContext context) {
        String trimmed = spec == null ? "" : spec.strip();
        if (trimmed.isEmpty()) {
            return NONE;
        }
        if (trimmed.length() >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
            return constant(trimmed.substring(1, trimmed.length() - 1));
        }
        if (trimmed.contains("${")) {
            return expression(trimmed, context);
        }
        if (trimmed.startsWith("/")) {
            return new FieldSource(Kind.POINTER, trimmed, trimmed, JsonPointer.compile(trimmed));
        }
        return name(trimmed);
    }

    public static FieldSource name(String name) {
        return new FieldSource(Kind.NAME, name, name, null);
    }

    public static FieldSource constant(String value) {
        return new FieldSource(Kind.CONSTANT, "'" + value + "'", value, null);
    }

    /** @param context compiles the expression now; null compiles it at its first evaluation */
    public static FieldSource expression(String simple, CamelContext context) {
        FieldSource source = new FieldSource(Kind.EXPRESSION, simple, simple, null);
        if (context != null) {
            source.compiled(context);
        }
        return source;
    }

    public Kind kind() {
        return kind;
    }

    /** The field name it reads; null unless it is a {@link Kind#NAME}. */
    public String name() {
        return kind == Kind.NAME ? text : null;
    }

    public boolean isNone() {
        return kind == Kind.NONE;
    }

    public boolean isExpression() {
        return kind == Kind.EXPRESSION;
    }

    /**
     * The raw value for one record. For an expression, {@code scratch} holds the record as its body
     * ({@link SegmentMapping} sets it once per record); other kinds never touch it.
     */
    public Object valueIn(RecordFields fields, Exchange scratch) {
        return switch (kind) {
            case NAME -> fields.get(text);
            case POINTER -> fields.at(pointer);
            case CONSTANT -> text;
            case EXPRESSION -> compiled(scratch.getContext()).evaluate(scratch, Object.class);
            case NONE -> null;
        };
    }

    /** The raw value of a single read outside a record's mapping, such as a page's next-page link. */
    public Object read(RecordFields fields, CamelContext context) {
        if (kind != Kind.EXPRESSION) {
            return valueIn(fields, null);
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(fields.body());
        return valueIn(fields, exchange);
    }

    private Expression compiled(CamelContext context) {
        Expression compiled = expression;
        if (compiled == null) {
            compiled = context.resolveLanguage("simple").createExpression(text);
            compiled.init(context);
            expression = compiled;
        }
        return compiled;
    }

    @Override
    public String toString() {
        return spec;
    }
}
