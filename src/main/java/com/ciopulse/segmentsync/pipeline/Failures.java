package com.ciopulse.segmentsync.pipeline;

import com.ciopulse.segmentsync.segment.SegmentValidationException;
import com.ciopulse.segmentsync.source.file.DropFileException;

/** The reason to report for a caught exception, without the wrappers Camel adds around a bean's exception. */
public final class Failures {

    private Failures() {
    }

    public static String reason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SegmentValidationException || cause instanceof DropFileException) {
                return cause.getMessage();
            }
        }
        return error == null ? "" : error.getMessage();
    }
}
