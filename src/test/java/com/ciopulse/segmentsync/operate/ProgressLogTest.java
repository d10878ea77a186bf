package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A long batch logs done of total, rate and time left at a steady interval, and one summary at its end. */
class ProgressLogTest {

    private static final long SECOND = 1_000_000_000L;

    final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(ProgressLog.class);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        ticker.shutdownNow();
    }

    @Test
    void progressSaysDoneOfTotalRateAndTimeLeft() {
        BatchProgress batch = new BatchProgress("file-drop", 1000, 0, b -> { });
        for (int i = 0; i < 250; i++) {
            batch.recordDone(outcome(Outcome.CREATED));
        }

        assertThat(batch.describeProgress(10 * SECOND))
                .isEqualTo("file-drop: 250 of 1000 records (25 %), 25.0/s, about 30.0 s left");
        assertThat(batch.describeProgress(100 * SECOND)).endsWith("2.5/s, about 5m 00s left");
    }

    @Test
    void aPartOfALargerWholeCountsTheWhole() {
        // the second chunk of a file of 25000 rows, after 10000 rows of the first
        BatchProgress chunk = new BatchProgress("file-drop", 10000, 25000, 10000, 0, b -> { });
        for (int i = 0; i < 5000; i++) {
            chunk.recordDone(outcome(Outcome.CREATED));
        }

        assertThat(chunk.describeProgress(10 * SECOND))
                .isEqualTo("file-drop: 15000 of 25000 records (60 %), 500.0/s, about 20.0 s left");
        assertThat(chunk.total()).isEqualTo(25000);
        assertThat(chunk.counted()).isEqualTo(15000);
    }

    @Test
    void withoutATotalItSaysDoneAndRateOnly() {
        BatchProgress batch = new BatchProgress("jdbc-units", -1, 0, b -> { });
        batch.recordDone(outcome(Outcome.UPDATED));

        assertThat(batch.describeProgress(2 * SECOND)).isEqualTo("jdbc-units: 1 records, 0.5/s");
    }

    @Test
    void runningBatchesAreLoggedEveryIntervalNotPerRecordAndEndWithOneSummary() {
        ProgressLog progress = new ProgressLog(ticker, Duration.ofMillis(100));
        BatchProgress batch = progress.start("file-drop", 3);
        batch.recordDone(outcome(Outcome.CREATED));
        batch.recordDone(outcome(Outcome.CONFLICT));

        await().atMost(Duration.ofSeconds(5)).until(() -> messages().size() >= 2);
        assertThat(messages()).allSatisfy(line -> assertThat(line).startsWith("file-drop: 2 of 3 records (66 %), "));

        batch.recordDone(outcome(Outcome.CREATED));
        batch.finish("done");
        List<String> all = messages();
        assertThat(all.get(all.size() - 1)).matches("file-drop: batch done, 3 records in .* s \\(.*/s\\): created 2, conflict 1");
        int afterFinish = all.size();
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(messages()).as("a finished batch is not logged again").hasSize(afterFinish);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static SegmentOutcome outcome(Outcome outcome) {
        return new SegmentOutcome("file-drop", "units.csv line 2", "BU-1", outcome, 201, 1, null);
    }
}
