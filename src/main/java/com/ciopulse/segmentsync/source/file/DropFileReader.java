package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.mapping.FieldSource;
import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.fasterxml.jackson.core.JsonPointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Reads the files of one drop folder (one instance of the {@code file-drop-source} template, configured by its
 * parameters) as chunks of segment records. A file is read twice: a first pass checks that the file is well-formed
 * as a whole and finds what the file overrides or contradicts within itself (see {@link DuplicateIndex}), a second
 * pass hands out the records chunk by chunk. Both stream, one record at a time.
 */
public class DropFileReader implements CamelContextAware {

    /**
     * Records per chunk: most files are one chunk; a big file's chunks keep memory flat (each chunk's answer
     * holds an outcome per record) and each logs its progress summary.
     */
    static final int CHUNK_SIZE = 10_000;

    private CamelContext camelContext;
    private DropFileFormat format = DropFileFormat.CSV;
    private Charset charset = StandardCharsets.UTF_8;
    private char separator = ',';
    private char quote = '"';
    private JsonPointer recordsPath = JsonPointer.empty();
    private final Map<String, String> sourceSpecs = new LinkedHashMap<>(Map.of(
            SegmentRecords.SYSTEM_ID, "system_id", SegmentRecords.SEGMENT_CODE, "segment_code",
            SegmentRecords.SEGMENT_NAME, "segment_name", SegmentRecords.ACTIVE, "active", SegmentMapping.ACTION, ""));
    private String systemIdPrefix = "";
    /** Characters one record may take: a longer one is rejected unread, so no record can fill the heap. */
    private int maxRecordSize = 1 << 20;
    private Set<String> inactiveValues = Set.of();
    private SegmentMapping mapping;

    /**
     * Reads the first pass of the file and returns the chunks of the second.
     *
     * @param path   the dropped file
     * @param result the file's result: the chunks add to it, and closing it closes the file
     * @throws DropFileException when the file cannot be read as a whole or is not well-formed as a whole (it ends
     *                           inside a record, a quote never closes); nothing of it was sent then
     */
    public Iterator<FileChunk> chunks(String path, FileResult result) throws IOException {
        String source = result.source();
        DuplicateIndex index = new DuplicateIndex();
        try (FilePass first = open(Path.of(path), source, result.fileName())) {
            while (first.hasNext()) {
                MappedRow row = first.next();
                // an unreadable row may still name its system id, but it never stands in for another row
                index.add(row.row().ordinal(), row.row().line(),
                        row.row().unreadable() == null ? row.record().systemId() : null, row.record().segmentCode(),
                        row.record().action());
            }
            // the first pass reads the whole file, so a file broken as a whole fails before any record is sent
            if (first.malformed() != null) {
                throw new DropFileException(result.fileName() + ": not well-formed: " + first.malformed()
                        + "; nothing of the file was sent");
            }
        }
        index.seal();
        FilePass second = open(Path.of(path), source, result.fileName());
        result.reading(second);
        return new Chunks(second, index, result, format == DropFileFormat.CSV);
    }

    private FilePass open(Path path, String source, String fileName) throws IOException {
        InputStream input = Files.newInputStream(path);
        StrictDecodingReader decoding = new StrictDecodingReader(input, charset);
        try {
            RowReader rows;
            List<String> warnings = List.of();
            switch (format) {
                case CSV -> {
                    CsvRows csv = new CsvRows(new LineLengthLimit(decoding, maxRecordSize), fileName, separator, quote);
                    warnings = csv.header().check(mapping(), fileName, source);
                    rows = csv;
                }
                case JSON -> rows = new JsonArrayRows(decoding, fileName, recordsPath, maxRecordSize);
                default -> rows = new JsonLinesRows(new LineLengthLimit(decoding, maxRecordSize), fileName);
            }
            Exchange scratch = new DefaultExchange(camelContext);
            scratch.getMessage().setHeader(Exchange.FILE_NAME, fileName);
            return new FilePass(decoding, rows, mapping(), source, scratch, warnings);
        } catch (IOException | RuntimeException e) {
            decoding.close();
            throw e;
        }
    }

    private synchronized SegmentMapping mapping() {
        if (mapping == null) {
            SegmentMapping.Builder builder = SegmentMapping.builder()
                    .systemIdPrefix(systemIdPrefix)
                    .inactiveValues(inactiveValues)
                    .checkingValues(StrictDecodingReader::undecodableIn);
            sourceSpecs.forEach((field, spec) -> builder.field(field, FieldSource.parse(spec, camelContext)));
            SegmentMapping built = builder.build();
            if (built.source(SegmentRecords.SYSTEM_ID).isNone()) {
                throw new IllegalArgumentException("the file-drop source needs systemIdFrom: a column, field or expression");
            }
            mapping = built;
        }
        return mapping;
    }

    /** The second pass, a chunk at a time; each record is sent, refused, or overridden by a later row. */
    private static final class Chunks implements Iterator<FileChunk> {

        private final FilePass pass;
        private final DuplicateIndex index;
        private final FileResult result;
        /**
         * The system id and segment_code of rows whose code a later row also gives (maybe in another case), to name
         * them in that row's reason.
         */
        private final Map<Integer, String[]> codeHolders = new HashMap<>();
        private final boolean hasHeader;
        private boolean finished;
        private long rowsRead;

        Chunks(FilePass pass, DuplicateIndex index, FileResult result, boolean hasHeader) {
            this.pass = pass;
            this.index = index;
            this.result = result;
            this.hasHeader = hasHeader;
        }

        @Override
        public boolean hasNext() {
            if (!finished && !pass.hasNext()) {
                finish();
            }
            return !finished;
        }

        @Override
        public FileChunk next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            FileChunk chunk = new FileChunk(result, rowsRead, index.rows());
            while (chunk.size() < CHUNK_SIZE && pass.hasNext()) {
                place(pass.next(), chunk);
                rowsRead++;
            }
            return chunk;
        }

        private void place(MappedRow row, FileChunk chunk) {
            int ordinal = row.row().ordinal();
            if (row.row().unreadable() != null) {
                chunk.refuse(refusal(row, Outcome.REJECTED, null, row.problem()));
                return;
            }
            long overridingLine = index.overridingLine(ordinal, row.record().systemId());
            if (overridingLine > 0) {
                chunk.override(row, overridingLine);
                return;
            }
            if (index.holdsContestedCode(ordinal)) {
                codeHolders.put(ordinal, new String[] {row.record().systemId(), row.record().segmentCode().strip()});
            }
            int holder = index.codeHolder(ordinal);
            if (row.refused()) {
                chunk.refuse(refusal(row, Outcome.REJECTED, row.field(), row.problem()));
            } else if (holder != 0) {
                chunk.refuse(refusal(row, Outcome.CONFLICT, SegmentRecords.SEGMENT_CODE,
                        codeConflict(row.record().segmentCode().strip(), codeHolders.get(holder), index.lineOf(holder))));
            } else {
                chunk.send(row);
            }
        }

        private static String codeConflict(String code, String[] holder, long holderLine) {
            String held = " held by system_id '" + holder[0] + "' at line " + holderLine + " of the same file";
            if (code.equals(holder[1])) {
                return "segment_code '" + code + "' is" + held + "; two segments cannot share a code";
            }
            return "segment_code '" + code + "' differs only in case from '" + holder[1] + "'," + held + "; the first "
                    + "row keeps it: the API document does not say whether it tells codes apart by case, so the API "
                    + "may or may not take them for the same code";
        }

        private static Refusal refusal(MappedRow row, Outcome outcome, String field, String reason) {
            return new Refusal(row.row().ordinal(), row.row().line(), row.record(), outcome, field, reason);
        }

        private void finish() {
            finished = true;
            pass.warnings().forEach(result::warn);
            if (rowsRead == 0) {
                result.warn("the file holds no records");
                result.noRecords(hasHeader);
            }
            try {
                pass.close();
            } catch (IOException ignored) {
                // read to the end: closing cannot lose anything
            }
        }
    }

    // --- template parameters --------------------------------------------------------------------------------

    public void setFormat(String format) {
        this.format = DropFileFormat.parse(format);
    }

    public void setCharset(String charset) {
        this.charset = Charset.forName(charset.strip());
    }

    public void setSeparator(String separator) {
        this.separator = oneCharacter("separator", separator);
    }

    public void setQuote(String quote) {
        this.quote = oneCharacter("quote", quote);
    }

    /** A JSON Pointer to the array of records inside a JSON file ({@code /data/units}); empty: the file is the array. */
    public void setRecordsPath(String recordsPath) {
        String path = recordsPath == null ? "" : recordsPath.strip();
        this.recordsPath = JsonPointer.compile(path.isEmpty() || path.startsWith("/") ? path : "/" + path);
    }

    public void setSystemIdFrom(String spec) {
        sourceSpecs.put(SegmentRecords.SYSTEM_ID, spec);
    }

    public void setSegmentCodeFrom(String spec) {
        sourceSpecs.put(SegmentRecords.SEGMENT_CODE, spec);
    }

    public void setSegmentNameFrom(String spec) {
        sourceSpecs.put(SegmentRecords.SEGMENT_NAME, spec);
    }

    public void setActiveFrom(String spec) {
        sourceSpecs.put(SegmentRecords.ACTIVE, spec);
    }

    public void setActionFrom(String spec) {
        sourceSpecs.put(SegmentMapping.ACTION, spec);
    }

    /** The most characters of one record (a CSV or JSON Lines line, a JSON value); longer ones are rejected. */
    public void setMaxRecordSize(int maxRecordSize) {
        if (maxRecordSize < 1) {
            throw new IllegalArgumentException("maxRecordSize must be at least 1, not " + maxRecordSize);
        }
        this.maxRecordSize = maxRecordSize;
    }

    public void setSystemIdPrefix(String prefix) {
        this.systemIdPrefix = prefix == null ? "" : prefix.strip();
    }

    /** Comma-separated values that mean inactive, e.g. {@code closed,archived}; empty: y/n, yes/no... as they are. */
    public void setInactiveValues(String values) {
        this.inactiveValues = SegmentMapping.valueSet(values);
    }

    private static char oneCharacter(String name, String value) {
        if (value == null || value.length() != 1) {
            throw new IllegalArgumentException("the CSV " + name + " must be one character, not '" + value + "'");
        }
        return value.charAt(0);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
