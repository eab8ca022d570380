package dev.concord.engine.correlate;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * When the correlator must look at its keys, in time order. Most entries are deadlines a maximum duration ahead, and
 * nearly all of them are stale long before they come due, their transaction decided in seconds. Kept in one heap, they
 * made it tens of thousands of entries deep, and every entry paid for climbing and descending it. Here an entry due
 * after the watermark's current minute waits unordered in its minute's bucket; when the watermark reaches that minute,
 * the bucket's entries whose key is still live move into a {@link TimeQueue}, which so holds only the few that can
 * still matter. Entries come out in the same order and at the same watermark as from one heap, less the stale ones.
 */
final class Schedule {

    /** Whether an entry's key still needs looking at; asked with the hash kept alongside, so the key is not read. */
    @FunctionalInterface
    interface Live {
        boolean test(int hash, String key);
    }

    static final long BUCKET_MILLIS = 60_000L;

    private final Live live;
    private final TimeQueue near = new TimeQueue();
    /** Buckets of entries due at or after {@link #nearUntil}, by minute. */
    private final TreeMap<Long, Bucket> far = new TreeMap<>();
    /** Entries due before this are in {@link #near}. */
    private long nearUntil = Long.MIN_VALUE;

    private int farSize;

    Schedule(Live live) {
        this.live = live;
    }

    void add(long time, String key) {
        int hash = key.hashCode();
        if (time < nearUntil) {
            near.add(time, key, hash);
            return;
        }
        far.computeIfAbsent(Math.floorDiv(time, BUCKET_MILLIS), minute -> new Bucket())
                .add(time, key, hash);
        farSize++;
    }

    /** Orders every entry due in a minute the watermark reached; a bucket's stale entries are dropped on the way. */
    void advanceTo(long watermark) {
        long minute = Math.floorDiv(watermark, BUCKET_MILLIS);
        while (!far.isEmpty() && far.firstKey() <= minute) {
            Map.Entry<Long, Bucket> next = far.pollFirstEntry();
            Bucket bucket = next.getValue();
            farSize -= bucket.size;
            for (int i = 0; i < bucket.size; i++) {
                if (live.test(bucket.hashes[i], bucket.keys[i])) {
                    near.add(bucket.times[i], bucket.keys[i], bucket.hashes[i]);
                }
            }
        }
        // the end of the watermark's minute, short of overflowing at the final watermark
        long end = minute >= Long.MAX_VALUE / BUCKET_MILLIS ? Long.MAX_VALUE : (minute + 1) * BUCKET_MILLIS;
        nearUntil = Math.max(nearUntil, end);
    }

    /** Whether an entry is due at {@code watermark}; only after {@link #advanceTo} it. */
    boolean hasDue(long watermark) {
        return !near.isEmpty() && near.headTime() <= watermark;
    }

    long headTime() {
        return near.headTime();
    }

    String headKey() {
        return near.headKey();
    }

    int headHash() {
        return near.headHash();
    }

    void removeHead() {
        near.removeHead();
    }

    /** Entries waiting, stale ones included. */
    int size() {
        return near.size() + farSize;
    }

    private static final class Bucket {
        private long[] times = new long[256];
        private String[] keys = new String[256];
        private int[] hashes = new int[256];
        private int size;

        void add(long time, String key, int hash) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            times[size] = time;
            keys[size] = key;
            hashes[size] = hash;
            size++;
        }
    }
}
