package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.operate.BatchProgress;
import com.ciopulse.segmentsync.operate.ProgressLog;
import java.text.DecimalFormat;
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
 * source can tell it), the rate and the time left, drawn by {@code me.tongfei:progressbar}.
 */
final class ProgressBars implements ProgressLog.Watcher {

    /** How often the bars take the batches' counts and are redrawn. */
    static final int REDRAW_MILLIS = 200;

    private final ConsoleLine console;
    private final Map<BatchProgress, ProgressBar> bars = new ConcurrentHashMap<>();

    ProgressBars(ConsoleLine console, ScheduledExecutorService ticker) {
        this.console = console;
        ticker.scheduleAtFixedRate(this::step, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void started(BatchProgress batch) {
        bars.put(batch, new ProgressBarBuilder()
                .setTaskName(batch.source())
                .setInitialMax(batch.expected()) // -1: a source that cannot count its records shows no total
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" records", 1)
                .showSpeed(new DecimalFormat("0.0"))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .setConsumer(console.barOf(batch))
                .build());
    }

    @Override
    public void finished(BatchProgress batch) {
        ProgressBar bar = bars.remove(batch);
        if (bar != null) {
            // takes the bar off the line; the batch's summary is logged next
            bar.close();
        }
    }

    private void step() {
        bars.forEach((batch, bar) -> bar.stepTo(batch.done()));
    }
}
