package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.mapping.MappedRecord;
import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Exchange;

/** One reading of a dropped file from start to end: its records, mapped, one at a time. */
final class FilePass implements Iterator<MappedRow>, Closeable {

    private final StrictDecodingReader decoding;
    private final RowReader rows;
    private final SegmentMapping mapping;
    private final String source;
    private final Exchange scratch;
    private final List<String> warnings;

    FilePass(StrictDecodingReader decoding, RowReader rows, SegmentMapping mapping, String source, Exchange scratch,
             List<String> warnings) {
        this.decoding = decoding;
        this.rows = rows;
        this.mapping = mapping;
        this.source = source;
        this.scratch = scratch;
        this.warnings = warnings;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public MappedRow next() {
        SourceRow row = rows.next();
        if (row.unreadable() != null) {
            // the report names an unreadable row by its system id when that column alone could be read
            return new MappedRow(row, new SegmentRecord(source, row.ref(), mapping.systemIdReadAlone(row.fields()),
                    null, null, null, null), null, row.unreadable());
        }
        MappedRecord mapped = mapping.map(row.fields(), source, row.ref(), scratch);
        return new MappedRow(row, mapped.record(), mapped.field(), mapped.problem());
    }

    /** Why the file is not well-formed as a whole, once it was read to its end; null when it is. */
    String malformed() {
        return rows.malformed();
    }

    /** What the file's result should say about the file as a whole, once it was read to the end. */
    List<String> warnings() {
        String undecodable = decoding.undecodableSummary();
        if (undecodable == null) {
            return warnings;
        }
        List<String> all = new ArrayList<>(warnings);
        all.add(undecodable);
        return all;
    }

    @Override
    public void close() throws IOException {
        rows.close();
        decoding.close();
    }
}
