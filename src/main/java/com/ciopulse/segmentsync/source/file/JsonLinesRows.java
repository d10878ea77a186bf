package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.mapping.FieldText;
import com.ciopulse.segmentsync.segment.ParseErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON Lines: one JSON object per line. A line that is not one is reported alone; blank lines are skipped. The file
 * as a whole is not JSON Lines when no line holds an object (pretty-printed JSON, a JSON array), and it was cut short
 * when its last line ends inside a value: then nothing of it is synced.
 */
final class JsonLinesRows extends RowReader {

    /** One value per line: {@code {"a":1} x} is no more a line of JSON Lines than {@code x} is. */
    private static final ObjectReader MAPPER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final BufferedReader lines;
    private final LineLengthLimit limit;
    private final String fileName;
    private long line;
    private int ordinal;
    private String pending;
    /** The pending line was longer than the limit: the reader saw it as an empty line. */
    private boolean pendingTooLong;
    private long objects;
    private boolean lastCutShort;
    private String firstProblem;

    JsonLinesRows(LineLengthLimit reader, String fileName) throws IOException {
        this.lines = new BufferedReader(reader);
        this.limit = reader;
        this.fileName = fileName;
        this.pending = nextNonBlankLine();
        if (pending == null) {
            throw new DropFileException(fileName + ": the file is empty; JSON Lines needs one object per line");
        }
    }

    private String nextNonBlankLine() throws IOException {
        String text;
        do {
            text = lines.readLine();
            line++;
            pendingTooLong = text != null && text.isEmpty() && limit.takeDroppedBefore(line + 1) == line;
        } while (text != null && text.isBlank() && !pendingTooLong);
        return text;
    }

    @Override
    protected SourceRow readRow() {
        if (pending == null) {
            return null;
        }
        SourceRow row;
        if (pendingTooLong) {
            lastCutShort = false;
            row = problem(SourceRow.unreadable(++ordinal, line, fileName + ":" + line, limit.tooLong()));
        } else {
            row = parse(pending);
        }
        long rowLine = line;
        try {
            pending = nextNonBlankLine();
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + ":" + line + ": " + e.getMessage(), e);
        }
        if (pending == null) {
            checkFraming(rowLine, row);
        }
        return row;
    }

    /** At the last line: was the file JSON Lines at all, and does it end where a record ends? */
    private void checkFraming(long lastLine, SourceRow last) {
        if (objects == 0) {
            malformed("no line holds a JSON object, so this is not JSON Lines (one object per line; for a JSON "
                    + "array set the source's format to json); line " + firstProblem);
        } else if (lastCutShort) {
            malformed("the last line (" + lastLine + ") " + last.unreadable() + ": the file ends inside a record, "
                    + "so it was cut short");
        }
    }

    private SourceRow parse(String text) {
        ordinal++;
        String ref = fileName + ":" + line;
        lastCutShort = false;
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node instanceof ObjectNode object) {
                objects++;
                return SourceRow.readable(ordinal, line, ref, new JsonRowFields(object));
            }
            return problem(SourceRow.unreadable(ordinal, line, ref, "is " + FieldText.describe(node)
                    + ", not a JSON object"));
        } catch (JsonProcessingException e) {
            lastCutShort = e instanceof JsonEOFException;
            return problem(SourceRow.unreadable(ordinal, line, ref, "is not valid JSON: " + ParseErrors.atColumn(e)));
        }
    }

    private SourceRow problem(SourceRow row) {
        if (firstProblem == null) {
            firstProblem = row.line() + " " + row.unreadable();
        }
        return row;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
