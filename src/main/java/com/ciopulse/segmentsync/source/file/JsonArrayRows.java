package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.mapping.FieldText;
import com.ciopulse.segmentsync.segment.ParseErrors;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * A JSON array of objects, the whole file or at a JSON Pointer inside it ({@code /data/units}), streamed: only
 * one element is in memory at a time. JSON cannot be read on past a syntax error, so one anywhere in the file (inside
 * the array, or after it: a file cut short, an object never closed, something after the end) makes the file not
 * well-formed as a whole. So does a value longer than the maximum record size, which cannot be read past either.
 */
final class JsonArrayRows extends RowReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonParser parser;
    private final String fileName;
    private final int maxRecordSize;
    private int ordinal;

    /**
     * @param maxRecordSize the most characters of one element; no single value longer than it is ever buffered
     *                      (the parser refuses it, which ends the reading), a longer element is rejected
     */
    JsonArrayRows(Reader reader, String fileName, JsonPointer recordsPath, int maxRecordSize) throws IOException {
        this.fileName = fileName;
        this.maxRecordSize = maxRecordSize;
        this.parser = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxRecordSize).build())
                .build().setCodec(MAPPER).createParser(reader);
        try {
            if (parser.nextToken() == null) {
                throw new DropFileException(fileName + ": the file is empty; expected a JSON array");
            }
            moveToArray(recordsPath);
        } catch (JsonProcessingException e) {
            parser.close();
            throw new DropFileException(fileName + ": not valid JSON before the records: "
                    + ParseErrors.describe(e, 1), e);
        }
    }

    /** Leaves the parser on the START_ARRAY of the records, or explains why there is none. */
    private void moveToArray(JsonPointer recordsPath) throws IOException {
        if (recordsPath.matches()) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new DropFileException(fileName + ": the file holds " + (parser.currentToken() == JsonToken.START_OBJECT
                        ? "a JSON object; set the source's recordsPath to the array in it, e.g. /data"
                        : "no JSON array"));
            }
            return;
        }
        for (JsonToken token = parser.currentToken(); token != null; token = parser.nextToken()) {
            if (token == JsonToken.START_ARRAY && parser.getParsingContext().getParent().pathAsPointer().equals(recordsPath)) {
                return;
            }
        }
        throw new DropFileException(fileName + ": there is no JSON array at " + recordsPath);
    }

    @Override
    protected SourceRow readRow() {
        long line = parser.currentLocation().getLineNr();
        boolean counted = false;
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                checkTheRest();
                return null;
            }
            line = parser.currentTokenLocation().getLineNr();
            long start = parser.currentTokenLocation().getCharOffset();
            ordinal++;
            counted = true;
            JsonNode element = MAPPER.readTree(parser);
            if (parser.currentLocation().getCharOffset() - start > maxRecordSize) {
                return SourceRow.unreadable(ordinal, line, ref(line), tooLong("is"));
            }
            if (element instanceof ObjectNode object) {
                return SourceRow.readable(ordinal, line, ref(line), new JsonRowFields(object));
            }
            return SourceRow.unreadable(ordinal, line, ref(line), "is " + FieldText.describe(element)
                    + ", not a JSON object");
        } catch (StreamConstraintsException e) {
            if (!counted) {
                ordinal++;
            }
            String reason = tooLong("holds a value that is") + ", so the rest of the file could not be read";
            malformed("line " + line + " (record " + ordinal + ") " + reason);
            return SourceRow.unreadable(ordinal, line, ref(line), reason);
        } catch (JsonProcessingException e) {
            if (!counted) {
                ordinal++;
            }
            String reason = "is not valid JSON (" + ParseErrors.atColumn(e) + "), so the rest of the file could not "
                    + "be read";
            malformed("line " + e.getLocation().getLineNr() + " (record " + ordinal + ", from line " + line + ") "
                    + reason);
            return SourceRow.unreadable(ordinal, line, ref(line), reason);
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + ":" + line + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads what follows the array to the end of the file: the objects around it must close, and nothing may
     * follow the file's one JSON value.
     */
    private void checkTheRest() throws IOException {
        try {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                boolean value = !token.isStructEnd() && token != JsonToken.FIELD_NAME;
                JsonStreamContext context = token.isStructStart() ? parser.getParsingContext().getParent()
                        : parser.getParsingContext();
                if (value && context.inRoot()) {
                    malformed("line " + parser.currentTokenLocation().getLineNr() + ": there is more after the end "
                            + "of the file's JSON value; a file holds one");
                    return;
                }
                parser.skipChildren();
            }
        } catch (JsonProcessingException e) {
            malformed("line " + e.getLocation().getLineNr() + ", after the records: not valid JSON ("
                    + ParseErrors.atColumn(e) + ")");
        }
    }

    private String tooLong(String what) {
        return what + " longer than the maximum record size of " + maxRecordSize + " characters (the source's "
                + "maxRecordSize)";
    }

    private String ref(long line) {
        return fileName + ":" + line + " item " + ordinal;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
