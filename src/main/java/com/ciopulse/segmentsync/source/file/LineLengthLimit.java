package com.ciopulse.segmentsync.source.file;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Passes a line-oriented file (CSV, JSON Lines) on to its parser whole lines at a time and drops every line longer
 * than the limit: only its line break passes, so the parser sees an empty line and keeps counting lines right, and
 * the line's number is noted for the row reader to report. A parser thus never holds more than the limit of one
 * record, whatever the file holds (a 100 MB line costs no more memory than a short one). Lines end at {@code \n}.
 */
final class LineLengthLimit extends Reader {

    private static final int CHUNK = 8192;

    private final Reader input;
    private final int maxChars;
    /** {@code [position, released)} may go to the parser; {@code [released, filled)} is the line still being read. */
    private final char[] buffer;
    private int position;
    private int released;
    private int filled;
    private long lineNumber = 1;
    private boolean endOfInput;
    private final Queue<Long> droppedLines = new ArrayDeque<>();

    LineLengthLimit(Reader input, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("the maximum record size must be at least 1 character, not " + maxChars);
        }
        this.input = input;
        this.maxChars = maxChars;
        this.buffer = new char[maxChars + CHUNK];
    }

    /** Why a dropped line is rejected, for the file's result. */
    String tooLong() {
        return "is longer than the maximum record size of " + maxChars + " characters (the source's maxRecordSize), "
                + "so it was skipped unread";
    }

    /** The number of the earliest dropped line not taken yet if it is before {@code line}, else 0 (and it stays). */
    long takeDroppedBefore(long line) {
        Long first = droppedLines.peek();
        if (first == null || first >= line) {
            return 0;
        }
        return droppedLines.remove();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == released) {
            if (!readMore()) {
                return -1;
            }
        }
        int count = Math.min(length, released - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    /** Reads the next chunk, releasing the lines it completes; false at the end, once everything was released. */
    private boolean readMore() throws IOException {
        if (endOfInput) {
            return false;
        }
        compact();
        int read = input.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
            endOfInput = true;
            released = filled; // the last line, without a line break
            return released > position;
        }
        filled = scan(filled, filled + read);
        if (filled - released > maxChars) {
            dropLine();
        }
        return true;
    }

    /**
     * Counts the line breaks in {@code [from, to)} and cuts out the lines completed there that are too long;
     * releases every complete line. Returns where the text now ends.
     */
    private int scan(int from, int to) {
        int lineStart = released;
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                if (i - lineStart > maxChars) {
                    droppedLines.add(lineNumber);
                    System.arraycopy(buffer, i, buffer, lineStart, to - i);
                    to -= i - lineStart;
                    i = lineStart;
                }
                lineNumber++;
                lineStart = i + 1;
            }
        }
        released = lineStart;
        return to;
    }

    /** Forgets the unfinished line, already too long, and reads past it, keeping its line break and what follows. */
    private void dropLine() throws IOException {
        droppedLines.add(lineNumber);
        filled = released;
        while (true) {
            int read = input.read(buffer, filled, Math.min(CHUNK, buffer.length - filled));
            if (read < 0) {
                endOfInput = true;
                return;
            }
            for (int i = filled; i < filled + read; i++) {
                if (buffer[i] == '\n') {
                    int rest = filled + read - i;
                    System.arraycopy(buffer, i, buffer, released, rest);
                    filled = scan(released, released + rest);
                    if (filled - released > maxChars) {
                        dropLine();
                    }
                    return;
                }
            }
        }
    }

    private void compact() {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, filled - position);
            filled -= position;
            released -= position;
            position = 0;
        }
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
