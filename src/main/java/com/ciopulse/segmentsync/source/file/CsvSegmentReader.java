package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a CSV file with a header row as a stream of {@link SegmentRecord}s, one row at a time, so a file of
 * any size is read in constant memory. Each record names its file and line for error messages. The system id
 * column must be there; a file without one of the other mapped columns leaves that field unchanged.
 */
public class CsvSegmentReader {

    private static final Logger LOG = LoggerFactory.getLogger(CsvSegmentReader.class);

    private final CsvMapper mapper = new CsvMapper();
    // which column holds which field; a blank name means the file does not supply that field
    private String systemIdColumn = "system_id";
    private String segmentCodeColumn = "segment_code";
    private String segmentNameColumn = "segment_name";
    private String activeColumn = "active";
    private String actionColumn = "";
    private char separator = ',';
    private Charset charset = StandardCharsets.UTF_8;

    public void setSystemIdColumn(String column) {
        this.systemIdColumn = column;
    }

    public void setSegmentCodeColumn(String column) {
        this.segmentCodeColumn = column;
    }

    public void setSegmentNameColumn(String column) {
        this.segmentNameColumn = column;
    }

    public void setActiveColumn(String column) {
        this.activeColumn = column;
    }

    public void setActionColumn(String column) {
        this.actionColumn = column;
    }

    public void setSeparator(String separator) {
        if (separator == null || separator.length() != 1) {
            throw new IllegalArgumentException("the CSV separator must be one character, not '" + separator + "'");
        }
        this.separator = separator.charAt(0);
    }

    public void setCharset(String charset) {
        this.charset = Charset.forName(charset);
    }

    /**
     * @throws CsvFileException when the file as a whole cannot be read: no header, or a mapped column missing
     */
    public RecordIterator read(InputStream input, String source, String fileName) {
        Reader reader = new InputStreamReader(input, charset);
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        MappingIterator<Map<String, String>> rows;
        try {
            rows = mapper.readerForMapOf(String.class)
                    .with(schema)
                    .with(CsvParser.Feature.TRIM_SPACES)
                    .readValues(reader);
        } catch (IOException e) {
            throw new CsvFileException(fileName + ": not a readable CSV file: " + e.getMessage(), e);
        }
        try {
            return new RecordIterator(rows, headerIndex(rows, fileName), source, fileName);
        } catch (IOException | RuntimeException e) {
            closeQuietly(rows);
            throw e instanceof CsvFileException known ? known
                    : new CsvFileException(fileName + ": not a readable CSV file: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(MappingIterator<?> rows) {
        try {
            rows.close();
        } catch (IOException ignored) {
            // the file is given up anyway; the reason that matters is the one being thrown
        }
    }

    /** Maps each configured column to the header name as the file spells it. */
    private Map<String, String> headerIndex(MappingIterator<Map<String, String>> rows, String fileName)
            throws IOException {
        // the header is parsed lazily: peek so that a missing column is reported before any record is sent
        rows.hasNextValue();
        CsvSchema parsed = (CsvSchema) rows.getParser().getSchema();
        Map<String, String> byLowerName = new LinkedHashMap<>();
        parsed.forEach(column -> byLowerName.put(column.getName().trim().toLowerCase(Locale.ROOT), column.getName()));
        Map<String, String> index = new LinkedHashMap<>();
        if (blankToEmpty(systemIdColumn).isBlank()) {
            throw new CsvFileException(fileName + ": no column is mapped to system_id");
        }
        Map<String, String> wantedColumns = new LinkedHashMap<>();
        wantedColumns.put("system_id", systemIdColumn);
        wantedColumns.put("segment_code", blankToEmpty(segmentCodeColumn));
        wantedColumns.put("segment_name", blankToEmpty(segmentNameColumn));
        wantedColumns.put("active", blankToEmpty(activeColumn));
        wantedColumns.put("action", blankToEmpty(actionColumn));
        for (Map.Entry<String, String> wanted : wantedColumns.entrySet()) {
            if (wanted.getValue().isBlank()) {
                continue;
            }
            String actual = byLowerName.get(wanted.getValue().trim().toLowerCase(Locale.ROOT));
            if (actual == null && wanted.getKey().equals("system_id")) {
                throw new CsvFileException(fileName + ": the header has no column '" + wanted.getValue() + "' for "
                        + "system_id; columns found: " + List.copyOf(byLowerName.values()));
            }
            if (actual == null) {
                // an optional field the file does not have: its rows leave that field unchanged in CIOPulse
                LOG.warn("{}: no column '{}', so {} is not synced from this file; columns found: {}", fileName,
                        wanted.getValue(), wanted.getKey(), List.copyOf(byLowerName.values()));
                continue;
            }
            index.put(wanted.getKey(), actual);
        }
        return index;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The records of one file; closing it closes the file. */
    public static final class RecordIterator implements Iterator<SegmentRecord>, AutoCloseable {

        private final MappingIterator<Map<String, String>> rows;
        private final Map<String, String> header;
        private final String source;
        private final String fileName;
        private int line = 1;

        RecordIterator(MappingIterator<Map<String, String>> rows, Map<String, String> header, String source,
                       String fileName) {
            this.rows = rows;
            this.header = header;
            this.source = source;
            this.fileName = fileName;
        }

        @Override
        public boolean hasNext() {
            try {
                return rows.hasNextValue();
            } catch (IOException e) {
                throw new CsvFileException(fileName + ":" + (line + 1) + ": " + e.getMessage(), e);
            }
        }

        @Override
        public SegmentRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                Map<String, String> row = rows.nextValue();
                line++;
                return new SegmentRecord(source, fileName + ":" + line, field(row, "system_id"),
                        field(row, "segment_code"), field(row, "segment_name"), field(row, "active"),
                        SegmentAction.parse(field(row, "action")));
            } catch (IOException e) {
                throw new UncheckedIOException(fileName + ":" + (line + 1) + ": " + e.getMessage(), e);
            }
        }

        private String field(Map<String, String> row, String field) {
            String column = header.get(field);
            return column == null ? null : row.get(column);
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}
