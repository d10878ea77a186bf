package com.ciopulse.segmentsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.HasExpressionType;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.OutputNode;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RemoveHeadersDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes every record goes through resolve nothing anew per record: no {@code method:} expression or bean call
 * with {@code ${...}} parameters (reflection, and a copy of the exchange for each), no getter called from a simple
 * expression ({@code ${exchangeProperty.syncSegment.systemId}}, {@code ${body.outcome}}), no property lookup, no
 * header pattern (compiled as a regex for every header) and no camel-micrometer endpoint (tag expressions parsed on
 * every call). Such steps were most of the routes' own CPU per record (docs/performance.md, "Where the time goes");
 * the Java steps in {@code RecordSteps} do the same work, which the other tests check.
 */
class PerRecordStepsTest {

    private static final List<String> PER_RECORD_ROUTES = List.of("segment-sync", "segment-send", "segment-outcome",
            "segments-api-upsert", "segments-api-delete", "segments-api-call", "segments-api-status");
    /** A getter called on a property, header or the body: {@code ${exchangeProperty.a.b}}, {@code ${body.b}}. */
    private static final Pattern OGNL = Pattern.compile(
            "\\$\\{(exchangeProperty|header)\\.\\w+[.\\[(]|\\$\\{(body|in\\.body)[.\\[(]");

    @TempDir
    Path dataDir;

    @Test
    void theRoutesEveryRecordTakesResolveNothingAnewPerRecord() throws Exception {
        List<String> found = new ArrayList<>();
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            ModelCamelContext model = (ModelCamelContext) sync.context;
            for (String routeId : PER_RECORD_ROUTES) {
                assertThat(model.getRouteDefinition(routeId)).as(routeId).isNotNull();
                for (Object step : model.getRouteDefinition(routeId).getOutputs()) {
                    collectPerRecordResolving(routeId, step, found);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static void collectPerRecordResolving(String routeId, Object step, List<String> found) {
        String where = routeId + ": " + (step instanceof NamedNode named ? named.getShortName() : step);
        if (step instanceof HasExpressionType withExpression && withExpression.getExpressionType() != null) {
            ExpressionDefinition expression = withExpression.getExpressionType();
            String text = String.valueOf(expression.getExpression());
            if (expression.getLanguage().equals("bean")) {
                found.add(where + " calls a method expression: " + expression);
            } else if (expression.getLanguage().equals("simple")
                    && (OGNL.matcher(text).find() || text.contains("${properties:"))) {
                found.add(where + " resolves per record: " + text);
            }
        }
        if (step instanceof BeanDefinition bean && bean.getMethod() != null && bean.getMethod().contains("(")) {
            found.add(where + " binds simple parameters: " + bean.getMethod());
        }
        if (step instanceof ToDefinition to && to.getUri().startsWith("micrometer:")) {
            found.add(where + " sends to " + to.getUri());
        }
        if (step instanceof RemoveHeadersDefinition remove) {
            found.add(where + " matches header patterns: " + remove.getPattern());
        }
        List<Object> inner = new ArrayList<>();
        if (step instanceof ProcessorDefinition<?> processor) {
            inner.addAll(processor.getOutputs());
        } else if (step instanceof OutputNode block) {
            inner.addAll(block.getOutputs());
        }
        if (step instanceof TryDefinition tryBlock) {
            inner.addAll(tryBlock.getCatchClauses());
            inner.add(tryBlock.getFinallyClause());
        }
        if (step instanceof ChoiceDefinition choice) {
            inner.addAll(choice.getWhenClauses());
            inner.add(choice.getOtherwise());
        }
        for (Object next : inner) {
            if (next != null) {
                collectPerRecordResolving(routeId, next, found);
            }
        }
    }
}
