package com.ciopulse.segmentsync.source.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;

/**
 * The rows of a CSV file with a header row, read as plain value arrays so that a row with too few or too many
 * values is reported as such instead of being guessed at. Empty lines are skipped; values are trimmed.
 */
final class CsvRows extends RowReader {

    private static final CsvMapper MAPPER = new CsvMapper();

    private final MappingIterator<String[]> rows;
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
            throw new DropFileException(fileName + ": the header row cannot be read: " + e.getOriginalMessage(), e);
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
                return SourceRow.unreadable(ordinal, line, ref(line), "has " + values.length + " values where the "
                        + "header has " + header.size() + " columns");
            }
            return SourceRow.readable(ordinal, line, ref(line), new CsvRowFields(header, values));
        } catch (IOException e) {
            if (!counted) {
                ordinal++;
            }
            return broken(line, e);
        }
    }

    /** Jackson goes on with the next row after a broken one; an unclosed quote, though, takes the rest of the file. */
    private SourceRow broken(long line, IOException error) {
        String reason = error instanceof JsonProcessingException parse ? parse.getOriginalMessage() : error.getMessage();
        long position = rows.getParser().currentLocation().getCharOffset();
        if (reason != null && reason.contains("Missing closing quote")) {
            stop();
            reason = "a quoted value that starts here is never closed, so the rest of the file could not be read";
        } else if (!(error instanceof JsonProcessingException) || position == lastErrorPosition) {
            // not a syntax error, or one the parser cannot get past: reading on would not get further
            stop();
            reason = "cannot be read (" + reason + "); the rest of the file could not be read";
        }
        lastErrorPosition = position;
        return SourceRow.unreadable(ordinal, line, ref(line), reason);
    }

    private String ref(long line) {
        return fileName + ":" + line;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
