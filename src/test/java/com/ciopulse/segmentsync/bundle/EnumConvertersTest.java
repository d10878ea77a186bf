package com.ciopulse.segmentsync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.outcome.Outcome;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.TypeConverter;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The direct converters read text as Camel's own enum fallback does: a host's routes see no difference. */
class EnumConvertersTest {

    @Test
    void textBecomesTheConstantOfThatNameInAnyCaseDashedOrCamelCased() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            EnumConverters.addTo(context);
            context.start();
            TypeConverter converter = context.getTypeConverter();

            assertThat(converter.convertTo(HttpMethods.class, "PUT")).isEqualTo(HttpMethods.PUT);
            assertThat(converter.convertTo(HttpMethods.class, " delete ")).isEqualTo(HttpMethods.DELETE);
            assertThat(converter.convertTo(Outcome.class, "not-found")).isEqualTo(Outcome.NOT_FOUND);
            assertThat(converter.convertTo(Outcome.class, "notFound")).isEqualTo(Outcome.NOT_FOUND);
            assertThatThrownBy(() -> converter.mandatoryConvertTo(HttpMethods.class, "FETCH"))
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasRootCauseMessage("Enum class " + HttpMethods.class
                            + " does not have any constant with value: FETCH");
        }
    }

    @Test
    void aComparisonInASimplePredicateStillMatchesOnlyItsConstant() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            EnumConverters.addTo(context);
            context.start();
            Predicate halted = context.resolveLanguage("simple").createPredicate("${body} == 'HALTED'");
            Exchange exchange = new DefaultExchange(context);

            exchange.getMessage().setBody(Outcome.HALTED);
            assertThat(halted.matches(exchange)).isTrue();
            exchange.getMessage().setBody(Outcome.CREATED);
            assertThat(halted.matches(exchange)).isFalse();
        }
    }
}
