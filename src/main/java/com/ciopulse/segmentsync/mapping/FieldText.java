package com.ciopulse.segmentsync.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * A field's raw value as the text a segment field takes. Numbers are written in plain notation, since a code read
 * as {@code 1E+3} is not the code the source holds.
 */
public final class FieldText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldText() {
    }

    /**
     * @param nestedAsJson an object or list becomes its JSON text when true; when false it is refused
     * @throws IllegalArgumentException whose message is the reason, when the value is an object or a list and
     *                                  {@code nestedAsJson} is false
     */
    public static String of(Object value, boolean nestedAsJson) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof JsonNode node) {
            if (node.isContainerNode()) {
                if (nestedAsJson) {
                    return node.toString();
                }
                throw new IllegalArgumentException("is " + describe(node) + "; expected text, a number or true/false");
            }
            if (node.isNull() || node.isMissingNode()) {
                return null;
            }
            return node.isNumber() && !node.isIntegralNumber() ? node.decimalValue().toPlainString() : node.asText();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            if (!nestedAsJson) {
                throw new IllegalArgumentException("is a " + (value instanceof Map<?, ?> ? "map" : "list")
                        + "; expected text, a number or true/false");
            }
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return value.toString();
            }
        }
        return value.toString();
    }

    /** How a report names the kind of a JSON value: {@code an object}, {@code a number}. */
    public static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
