package com.ciopulse.segmentsync.source.file;

/**
 * A record of a file that did not simply go through, as the file's result lists it.
 *
 * @param record   the record's position in the file (the header row does not count)
 * @param line     the line where it starts
 * @param systemId its system id, null when it has none
 * @param outcome  rejected, conflict, failed, or superseded (a later row has the same system_id)
 * @param field    the field at fault when one is known
 * @param reason   what happened
 */
record ResultRow(int record, long line, String systemId, String outcome, String field, String reason) {
}
