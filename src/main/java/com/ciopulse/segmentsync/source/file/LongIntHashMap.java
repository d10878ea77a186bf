package com.ciopulse.segmentsync.source.file;

/**
 * A map from non-zero long keys to int values in two flat arrays (open addressing, linear probing): about 24 bytes a
 * key instead of some 100 for a {@code HashMap<Long, Integer>}, so a million keys fit in a small heap.
 */
final class LongIntHashMap {

    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;

    /** The value for {@code key}, or 0 when there is none. */
    int get(long key) {
        int slot = find(keys, key);
        return keys[slot] == key ? values[slot] : 0;
    }

    void put(long key, int value) {
        if (key == 0) {
            throw new IllegalArgumentException("0 marks an empty slot and cannot be a key");
        }
        int slot = find(keys, key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
        if (size * 4L > keys.length * 3L) {
            grow();
        }
    }

    /** Puts {@code value} unless the key has one; returns the value the key has afterwards. */
    int putIfAbsent(long key, int value) {
        int existing = get(key);
        if (existing != 0) {
            return existing;
        }
        put(key, value);
        return value;
    }

    private static int find(long[] keys, long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = find(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
