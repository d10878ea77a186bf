package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.segment.SegmentAction;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What a first pass over a file finds before anything is sent: rows a later row of the same file overrides (the
 * same system_id: the last row wins), and rows that give a segment_code another row of the file already gives to a
 * different system_id (the first of those rows keeps it). Only the rows that win for their system_id count for the
 * codes, so a file that moves a code from one segment to another is no conflict. Codes that differ only in case
 * count as one code: the API document does not say whether it tells them apart, and if it does not, two rows sent at
 * once would race for it, so which one gets the 422 would depend on timing. Here the first row always keeps it.
 *
 * <p>Ids and codes are kept as 64-bit fingerprints, some 70 bytes a row at the peak (about 70 MB for a million
 * rows), where the texts would take several times that. Two different values with the same fingerprint would be
 * taken for one: for a million distinct ids the chance is about 3 in 100 million.
 */
final class DuplicateIndex {

    private long[] systemIds = new long[1024];
    private long[] codes = new long[1024];
    private int[] lines = new int[1024];
    private int rows;
    private final LongIntHashMap lastRowBySystemId = new LongIntHashMap();
    private final Map<Integer, Integer> codeHolderByLoser = new HashMap<>();
    private final BitSet holdersOfContestedCodes = new BitSet();

    /** Adds the file's next row (ordinals 1, 2, 3...); a row without a system id takes part in nothing. */
    void add(int ordinal, long line, String systemId, String code, SegmentAction action) {
        if (ordinal >= lines.length) {
            int length = Math.max(lines.length * 2, ordinal + 1);
            systemIds = Arrays.copyOf(systemIds, length);
            codes = Arrays.copyOf(codes, length);
            lines = Arrays.copyOf(lines, length);
        }
        rows = Math.max(rows, ordinal);
        lines[ordinal] = (int) Math.min(line, Integer.MAX_VALUE);
        long id = fingerprint(systemId);
        systemIds[ordinal] = id;
        codes[ordinal] = action == SegmentAction.UPSERT ? codeFingerprint(code) : 0;
        if (id != 0) {
            lastRowBySystemId.put(id, ordinal);
        }
    }

    /** How many rows the first pass read. */
    int rows() {
        return rows;
    }

    /** Ends the first pass: finds the contested codes among the rows that win for their system_id. */
    void seal() {
        LongIntHashMap firstRowByCode = new LongIntHashMap();
        for (int row = 1; row <= rows; row++) {
            if (codes[row] != 0 && wins(row)) {
                int holder = firstRowByCode.putIfAbsent(codes[row], row);
                if (holder != row) {
                    codeHolderByLoser.put(row, holder);
                    holdersOfContestedCodes.set(holder);
                }
            }
        }
        systemIds = null;
        codes = null;
    }

    private boolean wins(int row) {
        return systemIds[row] != 0 && lastRowBySystemId.get(systemIds[row]) == row;
    }

    /** The line of the later row with the same system id that overrides this one, or 0 when none does. */
    long overridingLine(int ordinal, String systemId) {
        long id = fingerprint(systemId);
        int last = id == 0 ? 0 : lastRowBySystemId.get(id);
        return last > ordinal ? lines[last] : 0;
    }

    /** The row that keeps the segment_code this row gives too, or 0 when this row may have it. */
    int codeHolder(int ordinal) {
        return codeHolderByLoser.getOrDefault(ordinal, 0);
    }

    /** Whether a later row gives this row's segment_code to another system_id. */
    boolean holdsContestedCode(int ordinal) {
        return holdersOfContestedCodes.get(ordinal);
    }

    long lineOf(int ordinal) {
        return lines[ordinal];
    }

    /** 64-bit FNV-1a over the trimmed text, then MurmurHash3's finalizer to spread it; 0 for no text. */
    static long fingerprint(String value) {
        return fingerprint(value, false);
    }

    /** The fingerprint of a segment code, blind to case: {@code DC-LSN} and {@code dc-lsn} give the same. */
    static long codeFingerprint(String code) {
        return fingerprint(code, true);
    }

    private static long fingerprint(String value, boolean ignoreCase) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String text = value.strip();
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // upper then lower, as String.equalsIgnoreCase compares: folds scripts whose case pairs are not 1:1
            hash ^= ignoreCase ? Character.toLowerCase(Character.toUpperCase(c)) : c;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash == 0 ? 1 : hash;
    }
}
