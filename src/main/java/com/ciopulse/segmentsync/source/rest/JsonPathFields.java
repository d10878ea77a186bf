package com.ciopulse.segmentsync.source.rest;

import com.ciopulse.segmentsync.mapping.FieldSource;
import com.ciopulse.segmentsync.mapping.FieldText;
import com.ciopulse.segmentsync.mapping.RecordFields;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;

/**
 * A JSON document of a REST source (a page, or one record of it, as Jackson parses it into maps and lists) whose
 * fields are named by JSONPath: {@code $.name}, {@code $.organization_fields.code}.
 */
final class JsonPathFields implements RecordFields {

    /** Jackson's maps and lists, as {@code RestSource} parses pages; a missing path gives null, not an error. */
    private static final Configuration JSON = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    /** The paths of the sources' settings, compiled once each. */
    private static final Map<String, JsonPath> PATHS = new ConcurrentHashMap<>();

    private final Object document;

    JsonPathFields(Object document) {
        this.document = document;
    }

    /**
     * Reads a REST source's setting of where a value comes from: a JSONPath ({@code $.field}), a Camel simple
     * expression on the document as a map ({@code ${body[name]}-${body[id]}}), or {@code -} (or nothing) for none.
     *
     * @throws IllegalArgumentException naming the parameter when the text is neither, or the JSONPath does not
     *                                  compile
     */
    static FieldSource parse(String parameter, String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty() || value.equals("-")) {
            return FieldSource.NONE;
        }
        if (value.startsWith("$") && !value.startsWith("${")) {
            try {
                PATHS.put(value, JsonPath.compile(value));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(parameter + " '" + value + "' is not a JSONPath: " + e.getMessage(), e);
            }
            return FieldSource.name(value);
        }
        if (value.contains("${")) {
            return FieldSource.expression(value, null);
        }
        throw new IllegalArgumentException(parameter + " '" + value
                + "' must be a JSONPath ($.field), a simple expression (${body[field]}) or - for none");
    }

    /** The value in a document (a map or list as Jackson parses JSON); null when it has none. */
    static Object read(FieldSource from, Object document, CamelContext context) {
        return from.read(new JsonPathFields(document), context);
    }

    /** The value as text: numbers in plain notation, objects and lists as JSON. */
    static String text(FieldSource from, Object document, CamelContext context) {
        return FieldText.of(read(from, document, context), true);
    }

    @Override
    public Object get(String path) {
        return PATHS.computeIfAbsent(path, JsonPath::compile).read(document, JSON);
    }

    @Override
    public Object body() {
        return document;
    }
}
