package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.api.SegmentsApiUrls;
import com.ciopulse.segmentsync.control.ApiCircuit;
import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.OutcomeStep;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.ChangeDetection;
import com.ciopulse.segmentsync.pipeline.Failures;
import com.ciopulse.segmentsync.pipeline.RecordIntake;
import com.ciopulse.segmentsync.pipeline.SyncProperties;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentResponses;
import com.ciopulse.segmentsync.segment.SegmentValidator;
import com.ciopulse.segmentsync.segment.ValidSegment;
import com.ciopulse.segmentsync.state.SegmentState;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.support.MessageHelper;

/**
 * The expressions, predicates and processors the pipeline's routes evaluate on every record, bound by name: the
 * routes use them as {@code ref: name} (an expression or predicate) or {@code process: ref: name}.
 *
 * <p>Why Java: a {@code method:} expression in a route, a bean call with {@code ${...}} parameters and a simple
 * expression that calls a getter ({@code ${exchangeProperty.syncSegment.systemId}}) are resolved by reflection on
 * every call, and each copies the exchange for it; these are plain calls. What each one does is what the route
 * said before, nothing more, so the routes still read as the flow.
 */
final class RecordSteps {

    /** The Segments API routes' input: the system id of the segment to call for. */
    private static final String API_SYSTEM_ID = "SegmentSyncSystemId";

    private RecordSteps() {
    }

    static void bindTo(CamelContext context, RecordIntake intake, SegmentValidator validator,
                       ChangeDetection changeDetection, SegmentsApiUrls urls, ApiCircuit circuit, OutcomeStep outcomes) {
        // segment-sync
        bind(context, expression("recordIntake", intake::toRecord));
        bind(context, expression("validSegment",
                exchange -> validator.validate(exchange.getProperty(SyncProperties.RECORD, SegmentRecord.class))));
        bind(context, expression("invalidRecordReason", exchange -> Failures.reason(caught(exchange))));
        bind(context, predicate("unchangedSegment", exchange -> {
            Optional<SegmentState> known = changeDetection.comparedState(segment(exchange),
                    exchange.getProperty(SyncProperties.MODE, String.class));
            exchange.setProperty(SyncProperties.KNOWN_STATE, known);
            return ChangeDetection.unchanged(segment(exchange), known);
        }));
        // segment-send
        bind(context, expression("segmentSystemId", exchange -> segment(exchange).systemId()));
        bind(context, predicate("segmentDelete", exchange -> segment(exchange).action() == SegmentAction.DELETE));
        bind(context, expression("segmentPayloadJson", exchange -> segment(exchange).payloadJson()));
        // segments-api-upsert, -delete, -get
        bind(context, expression("segmentUrl", exchange -> urls.segment(systemIdHeader(exchange))));
        bind(context, expression("segmentUrlForGetOrDelete",
                exchange -> urls.segmentForGetOrDelete(systemIdHeader(exchange))));
        // segments-api-status
        context.getRegistry().bind("apiCircuitAnswered", (Processor) exchange ->
                circuit.answered(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class)));
        bind(context, expression("apiErrorMessage", RecordSteps::errorMessage));
        bind(context, expression("acceptedPutOutcome", exchange -> (changeDetection.deactivates(segment(exchange))
                ? Outcome.DEACTIVATED : Outcome.UPDATED).label()));
        // segment-outcome
        bind(context, expression("segmentOutcome", outcomes::finish));
        bind(context, predicate("haltedOutcome",
                exchange -> exchange.getMessage().getBody(SegmentOutcome.class).outcome() == Outcome.HALTED));
    }

    private static ValidSegment segment(Exchange exchange) {
        return exchange.getProperty(SyncProperties.SEGMENT, ValidSegment.class);
    }

    /** The exception a doCatch caught, as {@code ${exception}} reads it. */
    private static Throwable caught(Exchange exchange) {
        Throwable pending = exchange.getException();
        return pending != null ? pending : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static String systemIdHeader(Exchange exchange) {
        return exchange.getMessage().getHeader(API_SYSTEM_ID, String.class);
    }

    /** The API's error message in the answer's body; the body stays readable for the steps after this one. */
    private static String errorMessage(Exchange exchange) {
        Message answer = exchange.getMessage();
        MessageHelper.resetStreamCache(answer);
        try {
            return SegmentResponses.errorMessage(answer.getBody(String.class));
        } finally {
            MessageHelper.resetStreamCache(answer);
        }
    }

    private static void bind(CamelContext context, Named step) {
        context.getRegistry().bind(step.toString(), step);
    }

    private static Named expression(String name, Function<Exchange, Object> evaluate) {
        return new Named(name, evaluate);
    }

    private static Named predicate(String name, java.util.function.Predicate<Exchange> matches) {
        return new Named(name, matches::test);
    }

    /** An expression, also usable as a predicate, named for route dumps and logs. */
    private static final class Named extends ExpressionAdapter {

        private final String name;
        private final Function<Exchange, Object> evaluate;

        Named(String name, Function<Exchange, Object> evaluate) {
            this.name = name;
            this.evaluate = evaluate;
        }

        @Override
        public Object evaluate(Exchange exchange) {
            return evaluate.apply(exchange);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
