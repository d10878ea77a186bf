package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.component.micrometer.MicrometerTimerAction;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;
import org.apache.camel.util.StringHelper;

/**
 * Direct String-to-enum converters for the enums every record converts to, some several times: camel-http reads
 * {@code CamelHttpMethod} as its {@link HttpMethods}, camel-micrometer its timer action, and the routes compare
 * {@code ${body.outcome} == 'HALTED'} and {@code ${...action} == 'DELETE'}.
 *
 * <p>Camel 4.18 converts text to an enum by first looking for a direct converter; when there is none, the lookup
 * walks the whole converter registry (up to three passes over every registered converter) on every call and remembers
 * nothing, several times for every record. These converters make it one map hit; they
 * accept what Camel's own fallback accepts (any case, surrounding blanks, dashed or camel-cased names) and refuse
 * the rest the same way.
 */
final class EnumConverters {

    private EnumConverters() {
    }

    static void addTo(CamelContext context) {
        TypeConverterRegistry registry = context.getTypeConverterRegistry();
        add(registry, HttpMethods.class);
        add(registry, MicrometerTimerAction.class);
        add(registry, Outcome.class);
        add(registry, SegmentAction.class);
    }

    private static <E extends Enum<E>> void add(TypeConverterRegistry registry, Class<E> type) {
        if (registry.lookup(type, String.class) == null) {
            registry.addTypeConverter(type, String.class, new ByName<>(type));
        }
    }

    /** Text to the enum constant of that name, as Camel's fallback reads it. */
    private static final class ByName<E extends Enum<E>> extends TypeConverterSupport {

        private final Class<E> type;
        private final Map<String, E> byUpperCaseName = new HashMap<>();

        ByName(Class<E> type) {
            this.type = type;
            for (E constant : type.getEnumConstants()) {
                byUpperCaseName.put(constant.name().toUpperCase(Locale.ROOT), constant);
            }
        }

        @Override
        public <T> T convertTo(Class<T> target, Exchange exchange, Object value) {
            String text = value.toString().trim();
            E constant = byUpperCaseName.get(text.toUpperCase(Locale.ROOT));
            if (constant == null) {
                constant = byUpperCaseName.get(StringHelper.asEnumConstantValue(text).toUpperCase(Locale.ROOT));
            }
            if (constant == null) {
                throw new IllegalArgumentException("Enum class " + type + " does not have any constant with value: "
                        + text);
            }
            return target.cast(constant);
        }
    }
}
