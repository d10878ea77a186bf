package com.ciopulse.segmentsync.api;

import com.ciopulse.segmentsync.pipeline.SyncProperties;
import com.ciopulse.segmentsync.segment.RemoteSegment;
import com.ciopulse.segmentsync.segment.SegmentResponses;
import com.ciopulse.segmentsync.segment.ValidSegment;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Words a 422 so an operator can act on it: which code is taken and, when the list of segments shows it,
 * which system id holds it.
 */
public class ConflictMessages {

    /** Called with the list answer in the body and the 422's message in {@code syncMessage}. */
    public String describe(Exchange exchange) {
        ValidSegment segment = exchange.getProperty(SyncProperties.SEGMENT, ValidSegment.class);
        String apiMessage = exchange.getProperty(SyncProperties.MESSAGE, "", String.class);
        String code = segment == null ? null : segment.segmentCode();
        StringBuilder text = new StringBuilder(apiMessage.isBlank() ? "segment code already taken" : apiMessage);
        if (code != null) {
            text.append(" (segment_code '").append(code).append("'");
            holderOf(code, exchange).ifPresent(holder ->
                    text.append(" is held by system_id '").append(holder.systemId()).append("'"));
            text.append(")");
        }
        return text.toString();
    }

    private static Optional<RemoteSegment> holderOf(String code, Exchange exchange) {
        if (exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class) != 200) {
            return Optional.empty();
        }
        try {
            return SegmentResponses.parseList(exchange.getMessage().getBody(String.class)).stream()
                    .filter(remote -> code.equalsIgnoreCase(remote.segmentCode()))
                    .findFirst();
        } catch (IllegalArgumentException unreadableList) {
            return Optional.empty();
        }
    }
}
