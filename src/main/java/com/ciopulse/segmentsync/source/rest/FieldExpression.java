package com.ciopulse.segmentsync.source.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;

/**
 * One value taken from a JSON document (a page, or one record of it): a JSONPath ({@code $.name},
 * {@code $.organization_fields.code}), a Camel simple expression on the record as a map
 * ({@code ${body[name]}-${body[id]}}), or nothing ({@code -}, the field is not supplied).
 */
final class FieldExpression {

    static final FieldExpression NONE = new FieldExpression("-", null, null);

    /** Jackson's maps and lists, as {@code RestSource} parses pages; a missing path gives null, not an error. */
    private static final Configuration JSON = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String text;
    private final JsonPath path;
    private final String simple;
    private volatile Expression compiled;

    private FieldExpression(String text, JsonPath path, String simple) {
        this.text = text;
        this.path = path;
        this.simple = simple;
    }

    /**
     * @throws IllegalArgumentException naming the parameter when the text is neither a JSONPath nor a simple
     *                                  expression, or the JSONPath does not compile
     */
    static FieldExpression parse(String parameter, String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty() || value.equals("-")) {
            return NONE;
        }
        if (value.startsWith("$") && !value.startsWith("${")) {
            try {
                return new FieldExpression(value, JsonPath.compile(value), null);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(parameter + " '" + value + "' is not a JSONPath: " + e.getMessage(), e);
            }
        }
        if (value.contains("${")) {
            return new FieldExpression(value, null, value);
        }
        throw new IllegalArgumentException(parameter + " '" + value
                + "' must be a JSONPath ($.field), a simple expression (${body[field]}) or - for none");
    }

    boolean isNone() {
        return path == null && simple == null;
    }

    /** The value in {@code document} (a map or list as Jackson parses JSON); null when it has none. */
    Object read(Object document, CamelContext context) {
        if (path != null) {
            return path.read(document, JSON);
        }
        if (simple == null) {
            return null;
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(document);
        return expression(context).evaluate(exchange, Object.class);
    }

    /** The value as the text a segment field takes: numbers in plain notation, objects and lists as JSON. */
    String text(Object document, CamelContext context) {
        Object value = read(document, context);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return value.toString();
            }
        }
        return value.toString();
    }

    private Expression expression(CamelContext context) {
        Expression expression = compiled;
        if (expression == null) {
            expression = context.resolveLanguage("simple").createExpression(simple);
            expression.init(context);
            compiled = expression;
        }
        return expression;
    }

    @Override
    public String toString() {
        return text;
    }
}
