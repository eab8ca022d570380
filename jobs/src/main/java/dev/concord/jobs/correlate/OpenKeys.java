package dev.concord.jobs.correlate;

/**
 * The keys of the transactions in flight, looked up by a hash the caller kept. Most lookups are for the deadline of
 * a transaction decided long ago, whose key string is no longer in the processor's cache: a {@code HashSet} would read
 * that string for its hash, where this compares the kept hash with the hashes stored alongside the keys and reads a
 * key only when they are equal. Open addressing with linear probing; removal shifts the run back instead of leaving
 * markers.
 */
final class OpenKeys {

    private int[] hashes = new int[1024];
    private String[] keys = new String[1024];
    private int size;

    int size() {
        return size;
    }

    boolean contains(int hash, String key) {
        int mask = keys.length - 1;
        for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && keys[slot].equals(key)) {
                return true;
            }
        }
        return false;
    }

    void add(String key) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int hash = key.hashCode();
        int mask = keys.length - 1;
        int slot = spread(hash) & mask;
        for (; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && keys[slot].equals(key)) {
                return;
            }
        }
        keys[slot] = key;
        hashes[slot] = hash;
        size++;
    }

    void remove(String key) {
        int hash = key.hashCode();
        int mask = keys.length - 1;
        int slot = spread(hash) & mask;
        while (keys[slot] != null && !(hashes[slot] == hash && keys[slot].equals(key))) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == null) {
            return;
        }
        size--;
        // shift back every later key of the run that may not sit past the freed slot
        int free = slot;
        for (int next = (free + 1) & mask; keys[next] != null; next = (next + 1) & mask) {
            int home = spread(hashes[next]) & mask;
            boolean movable = free <= next ? (home <= free || home > next) : (home <= free && home > next);
            if (movable) {
                keys[free] = keys[next];
                hashes[free] = hashes[next];
                free = next;
            }
        }
        keys[free] = null;
    }

    private void grow() {
        String[] oldKeys = keys;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        size = 0;
        for (String key : oldKeys) {
            if (key != null) {
                add(key);
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
