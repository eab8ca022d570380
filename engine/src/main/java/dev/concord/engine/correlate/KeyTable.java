package dev.concord.engine.correlate;

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

    /** Marks a slot taken: a taken slot's word is never 0, whatever its hash. */
    private static final long TAKEN = 1L << 32;

    /**
     * Per slot two words, side by side so that one cache line holds both: the key's hash with {@link #TAKEN} (0 for
     * an empty slot), then its time. A probe reads only these; the key itself only when the hashes are equal.
     */
    private long[] words = new long[2 * 1024];

    private String[] keys = new String[1024];
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
        return slot < 0 ? ABSENT : words[2 * slot + 1];
    }

    private int slotOf(int hash, String key) {
        int mask = keys.length - 1;
        long wanted = taken(hash);
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            long word = words[2 * slot];
            if (word == 0) {
                return -1;
            }
            if (word == wanted && (keys[slot] == key || keys[slot].equals(key))) {
                return slot;
            }
        }
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
        long wanted = taken(hash);
        int mask = keys.length - 1;
        int slot = spread(hash) & mask;
        for (; words[2 * slot] != 0; slot = (slot + 1) & mask) {
            if (words[2 * slot] == wanted && keys[slot].equals(key)) {
                words[2 * slot + 1] = time;
                return;
            }
        }
        keys[slot] = key;
        words[2 * slot] = wanted;
        words[2 * slot + 1] = time;
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
        for (int next = (free + 1) & mask; words[2 * next] != 0; next = (next + 1) & mask) {
            int home = spread((int) words[2 * next]) & mask;
            boolean movable = free <= next ? (home <= free || home > next) : (home <= free && home > next);
            if (movable) {
                keys[free] = keys[next];
                words[2 * free] = words[2 * next];
                words[2 * free + 1] = words[2 * next + 1];
                free = next;
            }
        }
        keys[free] = null;
        words[2 * free] = 0;
    }

    void forEach(Entries entries) throws Exception {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                entries.accept(keys[slot], words[2 * slot + 1]);
            }
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        long[] oldWords = words;
        keys = new String[oldKeys.length * 2];
        words = new long[oldWords.length * 2];
        size = 0;
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldKeys[slot] != null) {
                put(oldKeys[slot], oldWords[2 * slot + 1]);
            }
        }
    }

    private static long taken(int hash) {
        return TAKEN | (hash & 0xFFFF_FFFFL);
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
