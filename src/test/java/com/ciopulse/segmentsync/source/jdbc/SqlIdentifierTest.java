package com.ciopulse.segmentsync.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configured names are the only text that goes into the SQL: only names pass. */
class SqlIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"business_units", "erp.units", "erp.public.units", "_x$1", "\"Business Units\"",
            "erp.\"Units; DROP TABLE x; --\"", "UPDATED_AT"})
    void plainAndQuotedNamesPass(String name) {
        assertThat(SqlIdentifier.require("table", " " + name + " ")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"units; DROP TABLE units; --", "units WHERE 1=1", "units--", "1units", "a.b.c.d",
            "'units'", "\"a\"\"b\"", "\"\"", "erp.", "units /* x */", "\"line\nbreak\"", ""})
    void anythingElseIsRefusedNamingTheParameter(String name) {
        assertThatThrownBy(() -> SqlIdentifier.require("watermarkColumn", name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("watermarkColumn must be a table or column name");
    }

    @Test
    void theRefusalShowsControlCharactersWithoutBreakingTheLogLine() {
        assertThatThrownBy(() -> SqlIdentifier.require("table", "units\n2026-01-01 INFO forged"))
                .hasMessageContaining("units<U+000A>2026-01-01 INFO forged")
                .hasMessageNotContaining("\n");
    }
}
