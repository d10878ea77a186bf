package com.ciopulse.segmentsync.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser's errors as a user reads them: line, column, what was expected; none of the parser's internals. */
class ParseErrorsTest {

    static Stream<Arguments> json() {
        return Stream.of(
                Arguments.of("{\"a\": 1", "line 1, column 8: the input ends inside an object: expected '}'"),
                Arguments.of("[{\"a\":1}", "line 1, column 9: the input ends inside an array: expected ']'"),
                Arguments.of("{\"a\":\"x", "line 1, column 8: the input ends inside a quoted text: expected its "
                        + "closing '\"'"),
                Arguments.of("{\n\"a\":1 \"b\":2}", "line 2, column 7: found '\"' where ',' or '}' was expected"),
                Arguments.of("[1 2]", "line 1, column 4: found '2' where ',' or ']' was expected"),
                Arguments.of("{\"a\" 1}", "line 1, column 6: found '1' where ':' was expected after a field name"),
                Arguments.of("{a:1}", "line 1, column 2: found 'a' where a field name in double quotes was expected"),
                Arguments.of("{\"a\":tru}", "line 1, column 9: found 'tru' where a value was expected (text in double "
                        + "quotes, a number, an object, an array, true, false or null)"),
                Arguments.of("{\"a\":\"x\ny\"}", "line 1, column 8: a line break or another control "
                        + "character inside a quoted text: it must be written escaped (\\n for a line break)"));
    }

    @ParameterizedTest
    @MethodSource
    void json(String input, String expected) {
        JacksonException error = catchThrowableOfType(JacksonException.class, () -> new ObjectMapper().readTree(input));

        assertThat(error.getMessage()).contains("[Source: ");
        assertThat(ParseErrors.describe(error, 1)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("json")
    void aParserOverOneLineOfAFileNamesTheFilesLine(String input, String expected) {
        JacksonException error = catchThrowableOfType(JacksonException.class, () -> new ObjectMapper().readTree(input));

        assertThat(ParseErrors.describe(error, 41)).startsWith("line 4").doesNotContain("Source", "code 1", "`");
    }

    @ParameterizedTest
    @MethodSource
    void csv(String input, String expected) {
        JacksonException error = catchThrowableOfType(JacksonException.class, () -> new CsvMapper()
                .readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(input).readAll());

        assertThat(ParseErrors.describe(error, 1)).isEqualTo(expected);
    }

    static Stream<Arguments> csv() {
        return Stream.of(
                Arguments.of("a,\"b\nc,d", "line 2, column 4: a quoted value is never closed: expected its closing quote"),
                Arguments.of("a,\"b\"x,c\n", "line 1, column 7: found 'x' after a quoted value where the separator ',' "
                        + "or the end of the line was expected"));
    }
}
