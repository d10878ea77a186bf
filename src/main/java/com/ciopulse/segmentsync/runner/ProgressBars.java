package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.operate.BatchProgress;
import com.ciopulse.segmentsync.operate.ProgressLog;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live progress bar per running batch on the terminal's {@link ConsoleLine}: records done of the total (when the
 * source can tell it; of the whole file for a file sent in chunks), the rate and the time left, drawn by
 * {@code me.tongfei:progressbar}.
 */
final class ProgressBars implements ProgressLog.Watcher {

    /** How often the bars take the batches' counts and are redrawn. */
    static final int REDRAW_MILLIS = 200;

    private final ConsoleLine console;
    private final Map<BatchProgress, ProgressBar> bars = new ConcurrentHashMap<>();
    /** Per source, the time the earlier parts of a whole (a file sent in chunks) took: the next part goes on. */
    private final Map<String, Duration> wholeSoFar = new ConcurrentHashMap<>();

    ProgressBars(ConsoleLine console, ScheduledExecutorService ticker) {
        this.console = console;
        ticker.scheduleAtFixedRate(this::step, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void started(BatchProgress batch) {
        Duration before = batch.runDone() > 0 ? wholeSoFar.getOrDefault(batch.source(), Duration.ZERO) : Duration.ZERO;
        bars.put(batch, new ProgressBarBuilder()
                .setTaskName(batch.source())
                .setInitialMax(batch.total()) // -1: a source that cannot count its records shows no total
                .startsFrom(batch.counted(), before)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" records", 1)
                .showSpeed(new DecimalFormat("0.0"))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .setConsumer(console.newBar())
                .build());
    }

    @Override
    public void finished(BatchProgress batch) {
        ProgressBar bar = bars.remove(batch);
        if (bar != null) {
            if (batch.runSize() >= 0) {
                wholeSoFar.put(batch.source(), bar.getTotalElapsed());
            }
            // takes the bar off the line; the batch's summary is logged next
            bar.close();
        }
    }

    private void step() {
        bars.forEach((batch, bar) -> bar.stepTo(batch.counted()));
    }
}
