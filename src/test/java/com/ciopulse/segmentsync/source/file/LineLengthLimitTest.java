package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineLengthLimitTest {

    @Test
    void linesUpToTheLimitPassWholeAndLongerOnesLeaveOnlyTheirLineBreak() throws IOException {
        String text = "short\n" + "x".repeat(11) + "\n" + "exactly10!\n\n" + "y".repeat(30_000) + "\nlast" + "z".repeat(20);
        LineLengthLimit limit = new LineLengthLimit(new StringReader(text), 10);

        assertThat(readAll(limit)).isEqualTo("short\n\nexactly10!\n\n\n");
        assertThat(dropped(limit)).containsExactly(2L, 5L, 6L);
    }

    @Test
    void aFileOfShortLinesPassesUnchanged() throws IOException {
        String text = "a,b,c\n".repeat(10_000) + "end";
        LineLengthLimit limit = new LineLengthLimit(new StringReader(text), 10);

        assertThat(readAll(limit)).isEqualTo(text);
        assertThat(dropped(limit)).isEmpty();
    }

    private static String readAll(LineLengthLimit limit) throws IOException {
        StringWriter out = new StringWriter();
        limit.transferTo(out);
        return out.toString();
    }

    private static List<Long> dropped(LineLengthLimit limit) {
        List<Long> lines = new ArrayList<>();
        for (long line = limit.takeDroppedBefore(Long.MAX_VALUE); line > 0; line = limit.takeDroppedBefore(Long.MAX_VALUE)) {
            lines.add(line);
        }
        return lines;
    }
}
