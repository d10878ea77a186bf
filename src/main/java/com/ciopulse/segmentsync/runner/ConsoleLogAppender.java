package com.ciopulse.segmentsync.runner;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;

/**
 * The runner's console log: stderr (the run report alone goes to stdout), above the live progress bars when stderr
 * is a terminal ({@link ConsoleLine}), so that a log line never tears a bar.
 */
public class ConsoleLogAppender extends OutputStreamAppender<ILoggingEvent> {

    @Override
    public void start() {
        setOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                ConsoleLine console = ConsoleLine.live();
                if (console != null) {
                    console.printAbove(bytes, offset, length);
                } else {
                    System.err.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                System.err.flush();
            }
        });
        super.start();
    }
}
