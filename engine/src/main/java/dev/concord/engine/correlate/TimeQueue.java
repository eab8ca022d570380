package dev.concord.engine.correlate;

import java.util.Arrays;

/**
 * Keys ordered by the time they come due: a four-ary min-heap over a primitive array of times with the keys alongside.
 * A {@code PriorityQueue} of entry objects followed a pointer to compare each pair of times, where this compares times
 * in one contiguous array, and with four children to a node a removal descends half as many levels, each reading one
 * cache line of times. Entries of equal time come out in no particular order.
 */
final class TimeQueue {

    private long[] times = new long[1024];
    private String[] keys = new String[1024];
    /** Each key's hash, taken when it was added: reading it later from the key would fetch a string long evicted. */
    private int[] hashes = new int[1024];

    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long time, String key) {
        add(time, key, key.hashCode());
    }

    /** As {@link #add(long, String)}, with the key's hash already known. */
    void add(long time, String key, int hash) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        int at = size++;
        // deadlines lie ahead of everything queued, so this loop usually stops at once
        while (at > 0) {
            int parent = (at - 1) >>> 2;
            if (times[parent] <= time) {
                break;
            }
            times[at] = times[parent];
            keys[at] = keys[parent];
            hashes[at] = hashes[parent];
            at = parent;
        }
        times[at] = time;
        keys[at] = key;
        hashes[at] = hash;
    }

    /** The earliest time queued; only when not empty. */
    long headTime() {
        return times[0];
    }

    /** The key of the earliest time queued; only when not empty. */
    String headKey() {
        return keys[0];
    }

    /** The hash of the earliest time's key; only when not empty. */
    int headHash() {
        return hashes[0];
    }

    void removeHead() {
        size--;
        long time = times[size];
        String key = keys[size];
        int hash = hashes[size];
        keys[size] = null;
        int at = 0;
        while (true) {
            int first = 4 * at + 1;
            if (first >= size) {
                break;
            }
            int child = first;
            int last = Math.min(first + 4, size);
            for (int sibling = first + 1; sibling < last; sibling++) {
                if (times[sibling] < times[child]) {
                    child = sibling;
                }
            }
            if (time <= times[child]) {
                break;
            }
            times[at] = times[child];
            keys[at] = keys[child];
            hashes[at] = hashes[child];
            at = child;
        }
        if (size > 0) {
            times[at] = time;
            keys[at] = key;
            hashes[at] = hash;
        }
    }
}
