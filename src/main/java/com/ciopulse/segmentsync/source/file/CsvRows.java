package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.segment.ParseErrors;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV file with a header row, read as plain value arrays so that a row with too few or too many
 * values is reported as such instead of being guessed at. Empty lines are skipped; values are trimmed. A row the
 * parser cannot read keeps the values read before the fault, so its report still names its system id when that
 * column comes before the fault. A quoted value that is never closed makes the file not well-formed as a whole.
 */
final class CsvRows extends RowReader {

    /** The attribute under which a reading holds the values of the row being read. */
    private static final String ROW_SO_FAR = "csvRowSoFar";
    private static final CsvMapper MAPPER = (CsvMapper) new CsvMapper()
            .registerModule(new SimpleModule().addDeserializer(String[].class, new RowDeserializer()));

    private final MappingIterator<String[]> rows;
    private final List<String> rowSoFar = new ArrayList<>();
    private final String fileName;
    private final CsvRowFields.Header header;
    private final LineLengthLimit limit;
    private int ordinal;
    private long lastErrorPosition = -1;

    CsvRows(LineLengthLimit reader, String fileName, char separator, char quote) throws IOException {
        this.fileName = fileName;
        this.limit = reader;
        this.rows = MAPPER.readerFor(String[].class)
                .with(CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar(quote))
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .with(CsvParser.Feature.TRIM_SPACES)
                .withAttribute(ROW_SO_FAR, rowSoFar)
                .readValues(reader);
        try {
            if (!rows.hasNextValue()) {
                throw new DropFileException(fileName + ": the file is empty; a CSV file needs a header row");
            }
            if (limit.takeDroppedBefore(rows.getParser().currentLocation().getLineNr()) > 0) {
                throw new DropFileException(fileName + ": line 1 " + limit.tooLong() + "; a CSV file needs a header row");
            }
            this.header = CsvRowFields.Header.of(rows.nextValue());
        } catch (JsonProcessingException e) {
            throw new DropFileException(fileName + ": the header row cannot be read: " + ParseErrors.describe(e, 1), e);
        }
    }

    CsvRowFields.Header header() {
        return header;
    }

    @Override
    protected SourceRow readRow() {
        long line = rows.getParser().currentLocation().getLineNr();
        boolean counted = false;
        try {
            boolean more = rows.hasNextValue();
            // after hasNextValue the parser stands at the start of the row, even after skipped empty lines
            line = more ? rows.getParser().currentLocation().getLineNr() : Long.MAX_VALUE;
            long tooLong = limit.takeDroppedBefore(line);
            if (tooLong > 0) {
                ordinal++;
                return SourceRow.unreadable(ordinal, tooLong, ref(tooLong), limit.tooLong());
            }
            if (!more) {
                return null;
            }
            ordinal++;
            counted = true;
            String[] values = rows.nextValue();
            if (values.length != header.size()) {
                return SourceRow.unreadable(ordinal, line, ref(line), new CsvRowFields(header, values), "has "
                        + values.length + " values where the header has " + header.size() + " columns");
            }
            return SourceRow.readable(ordinal, line, ref(line), new CsvRowFields(header, values));
        } catch (IOException e) {
            if (!counted) {
                ordinal++;
            }
            return broken(line, e);
        }
    }

    /**
     * Jackson goes on with the next row after a broken one. An unclosed quote, though, takes the rest of the file,
     * and an error the parser cannot get past leaves the rest unread: the file as a whole is then not well-formed.
     */
    private SourceRow broken(long line, IOException error) {
        String reason = error instanceof JsonProcessingException parse ? ParseErrors.atColumn(parse) : error.getMessage();
        long position = rows.getParser().currentLocation().getCharOffset();
        if (error instanceof JsonProcessingException parse && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().contains("Missing closing quote")) {
            reason = "a quoted value that starts here is never closed, so the rest of the file could not be read";
            malformed("the quoted value that starts on line " + line + " is never closed (the file ends inside it)");
        } else if (!(error instanceof JsonProcessingException) || position == lastErrorPosition) {
            // not a syntax error, or one the parser cannot get past: reading on would not get further
            reason = "cannot be read (" + reason + "); the rest of the file could not be read";
            malformed("line " + line + " " + reason);
        }
        lastErrorPosition = position;
        // the values read before the fault: enough to name the row's system id when its column comes before it
        CsvRowFields soFar = rowSoFar.isEmpty() ? null : new CsvRowFields(header, rowSoFar.toArray(String[]::new));
        return SourceRow.unreadable(ordinal, line, ref(line), soFar, reason);
    }

    /**
     * Reads one row as {@code String[]} like Jackson's own, keeping each value in the reading's
     * {@value #ROW_SO_FAR} list as it is read, so a row that breaks midway still shows what came before.
     */
    private static final class RowDeserializer extends StdDeserializer<String[]> {

        RowDeserializer() {
            super(String[].class);
        }

        @Override
        @SuppressWarnings("unchecked")
        public String[] deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            List<String> values = (List<String>) context.getAttribute(ROW_SO_FAR);
            values.clear();
            if (!parser.isExpectedStartArrayToken()) {
                return (String[]) context.handleUnexpectedToken(String[].class, parser);
            }
            while (true) {
                // the CSV parser's fast path for a text value, as Jackson's own String[] reading uses
                String value = parser.nextTextValue();
                if (value != null) {
                    values.add(value);
                    continue;
                }
                JsonToken token = parser.currentToken();
                if (token == JsonToken.END_ARRAY) {
                    break;
                }
                if (token != JsonToken.VALUE_NULL) {
                    return (String[]) context.handleUnexpectedToken(String[].class, parser);
                }
                values.add(null);
            }
            String[] row = values.toArray(String[]::new);
            values.clear();
            return row;
        }
    }

    private String ref(long line) {
        return fileName + ":" + line;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
