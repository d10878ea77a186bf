package com.ciopulse.segmentsync.source.file;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * Where one segment field of a record comes from, as configured:
 * <ul>
 *   <li>{@code Unit ID}: a CSV column or JSON field of that name, ignoring case ({@code /unit/id}: a nested JSON field);</li>
 *   <li>{@code 'EU'}: that constant text, for every record;</li>
 *   <li>{@code ${body[Region]}-${body[Code]}}: a Camel simple expression over the record (the body is the record
 *       as a map, the header {@code CamelFileName} names the file);</li>
 *   <li>empty: the file does not supply the field, so the API leaves it unchanged.</li>
 * </ul>
 */
final class FieldSource {

    private final String spec;
    private final String column;
    private final String constant;
    private final Expression expression;

    private FieldSource(String spec, String column, String constant, Expression expression) {
        this.spec = spec;
        this.column = column;
        this.constant = constant;
        this.expression = expression;
    }

    static FieldSource parse(String spec, CamelContext context) {
        String trimmed = spec == null ? "" : spec.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
            return new FieldSource(trimmed, null, trimmed.substring(1, trimmed.length() - 1), null);
        }
        if (trimmed.contains("${")) {
            if (context == null) {
                throw new IllegalStateException("the expression " + trimmed + " needs a CamelContext");
            }
            Expression expression = context.resolveLanguage("simple").createExpression(trimmed);
            expression.init(context);
            return new FieldSource(trimmed, null, null, expression);
        }
        return new FieldSource(trimmed, trimmed.isEmpty() ? null : trimmed, null, null);
    }

    /** The column or field name it reads, or null for a constant, an expression or nothing. */
    String column() {
        return column;
    }

    boolean isExpression() {
        return expression != null;
    }

    boolean isEmpty() {
        return column == null && constant == null && expression == null;
    }

    /** The raw value for one record; {@code scratch} holds the record as its body when this is an expression. */
    Object valueIn(RowFields fields, Exchange scratch) {
        if (column != null) {
            return fields.get(column);
        }
        if (expression != null) {
            return expression.evaluate(scratch, Object.class);
        }
        return constant;
    }

    @Override
    public String toString() {
        return spec;
    }
}
