package com.ciopulse.segmentsync.pipeline;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads what a source sends to the pipeline entry: a {@link SegmentRecord}, or a map with the keys
 * {@code system_id}, {@code segment_code}, {@code segment_name}, {@code active} plus the
 * {@link SyncHeaders} (what a user's YAML route produces from JSON).
 */
public class RecordIntake {

    public SegmentRecord toRecord(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body instanceof SegmentRecord record) {
            return record;
        }
        if (body instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) map;
            return SegmentRecords.fromMap(fields,
                    message.getHeader(SyncHeaders.SOURCE, "unnamed", String.class),
                    message.getHeader(SyncHeaders.SOURCE_REF, String.class),
                    SegmentAction.parse(message.getHeader(SyncHeaders.ACTION, String.class)));
        }
        throw new IllegalArgumentException("direct:segment-sync takes a SegmentRecord or a map of segment fields, not "
                + (body == null ? "an empty body" : body.getClass().getName()));
    }
}
