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
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.support.MessageHelper;

/**
 * The expressions, predicates and processors the pipeline's routes evaluate on every record, bound by name: the
 * routes use them as {@code ref: name} (an expression or predicate) or {@code process: ref: name}. Grouped by the
 * route that uses them.
 *
 * <p>Why Java: a {@code method:} expression in a route, a bean call with {@code ${...}} parameters and a simple
 * expression that calls a getter ({@code ${exchangeProperty.syncSegment.systemId}}) are resolved by reflection on
 * every call, and each copies the exchange for it; these are plain calls. Each does only what a route expression
 * would, so the routes still read as the flow.
 */
final class RecordSteps implements CamelConfiguration {

    /** The Segments API routes' input: the system id of the segment to call for. */
    private static final String API_SYSTEM_ID = "SegmentSyncSystemId";

    private final RecordIntake intake = new RecordIntake();

    // segment-sync

    @BindToRegistry("recordIntake")
    public Expression recordIntake() {
        return expression("recordIntake", intake::toRecord);
    }

    @BindToRegistry("validSegment")
    public Expression validSegment(@BeanInject("segmentValidator") SegmentValidator validator) {
        return expression("validSegment",
                exchange -> validator.validate(exchange.getProperty(SyncProperties.RECORD, SegmentRecord.class)));
    }

    @BindToRegistry("invalidRecordReason")
    public Expression invalidRecordReason() {
        return expression("invalidRecordReason", exchange -> Failures.reason(caught(exchange)));
    }

    @BindToRegistry("unchangedSegment")
    public Expression unchangedSegment(@BeanInject("changeDetection") ChangeDetection changeDetection) {
        return predicate("unchangedSegment", exchange -> {
            // kept for a dry run's plan, which tells an update from a first write by it
            Optional<SegmentState> known = changeDetection.comparedState(segment(exchange),
                    exchange.getProperty(SyncProperties.MODE, String.class));
            exchange.setProperty(SyncProperties.KNOWN_STATE, known);
            return ChangeDetection.unchanged(segment(exchange), known);
        });
    }

    // segment-send

    @BindToRegistry("segmentSystemId")
    public Expression segmentSystemId() {
        return expression("segmentSystemId", exchange -> segment(exchange).systemId());
    }

    @BindToRegistry("segmentDelete")
    public Expression segmentDelete() {
        return predicate("segmentDelete", exchange -> segment(exchange).action() == SegmentAction.DELETE);
    }

    @BindToRegistry("segmentPayloadJson")
    public Expression segmentPayloadJson() {
        return expression("segmentPayloadJson", exchange -> segment(exchange).payloadJson());
    }

    // segments-api-upsert, -delete, -get

    @BindToRegistry("segmentUrl")
    public Expression segmentUrl(@BeanInject("segmentsApiUrls") SegmentsApiUrls urls) {
        return expression("segmentUrl", exchange -> urls.segment(systemIdHeader(exchange)));
    }

    @BindToRegistry("segmentUrlForGetOrDelete")
    public Expression segmentUrlForGetOrDelete(@BeanInject("segmentsApiUrls") SegmentsApiUrls urls) {
        return expression("segmentUrlForGetOrDelete", exchange -> urls.segmentForGetOrDelete(systemIdHeader(exchange)));
    }

    // segments-api-status

    @BindToRegistry("apiCircuitAnswered")
    public Processor apiCircuitAnswered(@BeanInject("apiCircuit") ApiCircuit circuit) {
        return exchange -> circuit.answered(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class));
    }

    @BindToRegistry("apiErrorMessage")
    public Expression apiErrorMessage() {
        return expression("apiErrorMessage", RecordSteps::errorMessage);
    }

    @BindToRegistry("acceptedPutOutcome")
    public Expression acceptedPutOutcome(@BeanInject("changeDetection") ChangeDetection changeDetection) {
        return expression("acceptedPutOutcome", exchange -> (changeDetection.deactivates(segment(exchange))
                ? Outcome.DEACTIVATED : Outcome.UPDATED).label());
    }

    // segment-outcome

    @BindToRegistry("segmentOutcome")
    public Expression segmentOutcome(@BeanInject("outcomeStep") OutcomeStep outcomes) {
        return expression("segmentOutcome", outcomes::finish);
    }

    @BindToRegistry("haltedOutcome")
    public Expression haltedOutcome() {
        return predicate("haltedOutcome",
                exchange -> exchange.getMessage().getBody(SegmentOutcome.class).outcome() == Outcome.HALTED);
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

    private static Expression expression(String name, Function<Exchange, Object> evaluate) {
        return new Named(name, evaluate);
    }

    private static Expression predicate(String name, java.util.function.Predicate<Exchange> matches) {
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
