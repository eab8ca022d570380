package dev.concord.jobs.correlate;

/**
 * Keys with a time each, looked up by a hash the caller kept. Most lookups are for keys whose strings are no longer in
 * the processor's cache (the deadline of a transaction decided long ago, a tombstone coming due): a {@code HashMap}
 * would read that string for its hash and follow a pointer to an entry object, where this compares the kept hash with
 * the hashes stored alongside the keys and reads a key only when they are equal, and the same instance not even then.
 * Open addressing with linear probing; removal shifts the run back instead of leaving markers.
 */
final class KeyTable {

    /** What {@link #get} answers for a key not in the table. */
    static final long ABSENT = Long.MIN_VALUE;

    /** Reads the entries, for a checkpoint. */
    @FunctionalInterface
    interface Entries {
        void accept(String key, long time) throws Exception;
    }

    private int[] hashes = new int[1024];
    private String[] keys = new String[1024];
    private long[] times = new long[1024];
    private int size;

    int size() {
        return size;
    }

    boolean contains(int hash, String key) {
        return slotOf(hash, key) >= 0;
    }

    /** The key's time, or {@link #ABSENT}. */
    long get(int hash, String key) {
        int slot = slotOf(hash, key);
        return slot < 0 ? ABSENT : times[slot];
    }

    private int slotOf(int hash, String key) {
        int mask = keys.length - 1;
        for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && (keys[slot] == key || keys[slot].equals(key))) {
                return slot;
            }
        }
        return -1;
    }

    /** Adds the key without a time of its own. */
    void add(String key) {
        put(key, 0);
    }

    /** Adds the key, or sets its time when it is in the table already. */
    void put(String key, long time) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int hash = key.hashCode();
        int mask = keys.length - 1;
        int slot = spread(hash) & mask;
        for (; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && keys[slot].equals(key)) {
                times[slot] = time;
                return;
            }
        }
        keys[slot] = key;
        hashes[slot] = hash;
        times[slot] = time;
        size++;
    }

    void remove(String key) {
        remove(key.hashCode(), key);
    }

    void remove(int hash, String key) {
        int slot = slotOf(hash, key);
        if (slot < 0) {
            return;
        }
        size--;
        int mask = keys.length - 1;
        // shift back every later key of the run that may not sit past the freed slot
        int free = slot;
        for (int next = (free + 1) & mask; keys[next] != null; next = (next + 1) & mask) {
            int home = spread(hashes[next]) & mask;
            boolean movable = free <= next ? (home <= free || home > next) : (home <= free && home > next);
            if (movable) {
                keys[free] = keys[next];
                hashes[free] = hashes[next];
                times[free] = times[next];
                free = next;
            }
        }
        keys[free] = null;
    }

    void forEach(Entries entries) throws Exception {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                entries.accept(keys[slot], times[slot]);
            }
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        long[] oldTimes = times;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        times = new long[oldKeys.length * 2];
        size = 0;
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldKeys[slot] != null) {
                put(oldKeys[slot], oldTimes[slot]);
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
