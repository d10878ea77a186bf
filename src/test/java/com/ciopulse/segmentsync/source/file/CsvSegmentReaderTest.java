package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSegmentReaderTest {

    @Test
    void readsRowsWithTheirLineAndMapsColumnsByHeaderIgnoringCase() throws Exception {
        CsvSegmentReader reader = new CsvSegmentReader();
        reader.setSystemIdColumn("Unit ID");
        reader.setSegmentCodeColumn("code");
        reader.setSegmentNameColumn("Name");
        reader.setActiveColumn("");
        reader.setActionColumn("op");
        reader.setSeparator(";");

        List<SegmentRecord> records = readAll(reader, """
                unit id;CODE;name;op;ignored
                BU-1;AUS;Australia;upsert;x
                BU-2;;;delete;y
                """);

        assertThat(records).containsExactly(
                new SegmentRecord("drop", "units.csv:2", "BU-1", "AUS", "Australia", null, SegmentAction.UPSERT),
                new SegmentRecord("drop", "units.csv:3", "BU-2", "", "", null, SegmentAction.DELETE));
    }

    @Test
    void aFileWithoutAnOptionalColumnLeavesThatFieldOut() throws Exception {
        List<SegmentRecord> records = readAll(new CsvSegmentReader(), "system_id,segment_name\nBU-1,Australia\n");

        assertThat(records).containsExactly(
                new SegmentRecord("drop", "units.csv:2", "BU-1", null, "Australia", null, SegmentAction.UPSERT));
    }

    @Test
    void aMissingSystemIdColumnNamesTheColumnAndWhatTheFileHas() {
        assertThatThrownBy(() -> readAll(new CsvSegmentReader(), "id,segment_code\n1,A\n"))
                .isInstanceOf(CsvFileException.class)
                .hasMessageContaining("units.csv")
                .hasMessageContaining("'system_id'")
                .hasMessageContaining("[id, segment_code]");
    }

    private static List<SegmentRecord> readAll(CsvSegmentReader reader, String csv) throws Exception {
        List<SegmentRecord> records = new ArrayList<>();
        try (CsvSegmentReader.RecordIterator it = reader.read(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "drop", "units.csv")) {
            it.forEachRemaining(records::add);
        }
        return records;
    }
}
