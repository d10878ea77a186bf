package com.ciopulse.segmentsync.source.file;

import java.io.Closeable;
import java.util.Iterator;

/** Reads the records of one file, one at a time, so memory stays flat whatever the file's size. */
interface RowReader extends Iterator<SourceRow>, Closeable {
}
