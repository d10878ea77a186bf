package com.ciopulse.segmentsync.source.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON Lines: one JSON object per line. A line that is not one is reported alone; blank lines are skipped. */
final class JsonLinesRows extends RowReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedReader lines;
    private final LineLengthLimit limit;
    private final String fileName;
    private long line;
    private int ordinal;
    private String pending;
    /** The pending line was longer than the limit: the reader saw it as an empty line. */
    private boolean pendingTooLong;

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
        SourceRow row = pendingTooLong ? SourceRow.unreadable(++ordinal, line, fileName + ":" + line, limit.tooLong())
                : parse(pending);
        try {
            pending = nextNonBlankLine();
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + ":" + line + ": " + e.getMessage(), e);
        }
        return row;
    }

    private SourceRow parse(String text) {
        ordinal++;
        String ref = fileName + ":" + line;
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node instanceof ObjectNode object) {
                return SourceRow.readable(ordinal, line, ref, new JsonRowFields(object));
            }
            return SourceRow.unreadable(ordinal, line, ref, "is " + JsonRowFields.describe(node) + ", not a JSON object");
        } catch (JsonProcessingException e) {
            return SourceRow.unreadable(ordinal, line, ref, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
