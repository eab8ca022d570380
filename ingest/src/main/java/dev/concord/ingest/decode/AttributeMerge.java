package dev.concord.ingest.decode;

import dev.concord.ingest.model.AttributeMap;
import java.util.Arrays;
import java.util.Map;

/**
 * The attributes of one span over its resource's extras, without a hash map per span: the fast trace readers reuse
 * one instance for every span of a request. A resource is flattened once ({@link #resource}) into a map its spans
 * share; a span's own attributes are kept apart, and its map is theirs over the shared one ({@link AttributeMap#over}),
 * so a resource attribute is neither read nor copied once per span. Keys are compared by hash first.
 */
final class AttributeMerge {

    private AttributeMap resourceMap = AttributeMap.of(new String[0], new String[0], 0);
    private String[] resourceKeys = new String[0];
    private String[] resourceValues = new String[0];
    private int[] resourceHashes = new int[0];
    private long resourcePresent;

    /** The span's own attributes. */
    private String[] keys = new String[32];

    private String[] values = new String[32];
    private int[] hashes = new int[32];
    private int size;
    /**
     * One bit per key present, chosen by its hash: most lookups are for keys a span does not have (the probe and
     * business-transaction keys, each new span attribute), and a clear bit answers them without a scan.
     */
    private long present;
    /** Resource attributes removed from this span's map (rare: a resource naming a business transaction). */
    private String[] removedFromResource = new String[4];

    private int removedCount;

    /** Makes {@code resource}'s extras the base of every following span. */
    void resource(FlatResource resource) {
        int count = resource.extras().size();
        resourceKeys = new String[count];
        resourceValues = new String[count];
        resourceHashes = new int[count];
        resourcePresent = 0;
        int i = 0;
        for (Map.Entry<String, String> extra : resource.extras().entrySet()) {
            resourceKeys[i] = extra.getKey();
            resourceValues[i] = extra.getValue();
            resourceHashes[i] = extra.getKey().hashCode();
            resourcePresent |= bit(resourceHashes[i]);
            i++;
        }
        resourceMap = AttributeMap.of(resourceKeys, resourceValues, count);
    }

    AttributeMap resourceMap() {
        return resourceMap;
    }

    /** Whether the resource has an attribute of one of {@code keys}. */
    boolean resourceHasAny(String... keys) {
        for (String key : keys) {
            if (resourceIndexOf(key, key.hashCode()) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the span's attributes so far had distinct names, none of them a resource attribute's. */
    boolean spanKeysDistinctFromEachOtherAndTheResource(int given) {
        if (size != given) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (resourceIndexOf(keys[i], hashes[i]) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Starts a span: its attributes are the resource's extras until {@link #put} says otherwise. */
    void startSpan() {
        size = 0;
        present = 0;
        removedCount = 0;
    }

    /** A span attribute: over a resource attribute or an earlier span attribute of the same name, as in a map. */
    void put(String key, String value) {
        int hash = key.hashCode();
        int index = indexOf(key, hash);
        if (index >= 0) {
            values[index] = value;
            return;
        }
        ensure(size + 1);
        keys[size] = key;
        values[size] = value;
        hashes[size] = hash;
        size++;
        present |= bit(hash);
    }

    /** The value of {@code key}, null when absent. */
    String get(String key) {
        int hash = key.hashCode();
        int index = indexOf(key, hash);
        if (index >= 0) {
            return values[index];
        }
        index = resourceIndexOf(key, hash);
        return index < 0 || removed(key) ? null : resourceValues[index];
    }

    /** Removes {@code key} and returns its value, null when absent. */
    String remove(String key) {
        int hash = key.hashCode();
        String value = null;
        int resourceIndex = resourceIndexOf(key, hash);
        if (resourceIndex >= 0 && !removed(key)) {
            value = resourceValues[resourceIndex];
            if (removedCount == removedFromResource.length) {
                removedFromResource = Arrays.copyOf(removedFromResource, removedCount * 2);
            }
            removedFromResource[removedCount++] = key;
        }
        int index = indexOf(key, hash);
        if (index >= 0) {
            value = values[index];
            keys[index] = null;
        }
        return value;
    }

    /** The merged attributes as an immutable map, which the canonical records keep without copying. */
    Map<String, String> toMap() {
        if (removedCount == 0) {
            return AttributeMap.over(resourceMap, keys, values, size);
        }
        String[] remaining = Arrays.copyOf(resourceKeys, resourceKeys.length);
        for (int i = 0; i < remaining.length; i++) {
            if (removed(remaining[i])) {
                remaining[i] = null;
            }
        }
        return AttributeMap.over(AttributeMap.of(remaining, resourceValues, remaining.length), keys, values, size);
    }

    private boolean removed(String key) {
        for (int i = 0; i < removedCount; i++) {
            if (removedFromResource[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    private int indexOf(String key, int hash) {
        if ((present & bit(hash)) == 0) {
            return -1;
        }
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && keys[i] != null && keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private int resourceIndexOf(String key, int hash) {
        if ((resourcePresent & bit(hash)) == 0) {
            return -1;
        }
        for (int i = 0; i < resourceKeys.length; i++) {
            if (resourceHashes[i] == hash && resourceKeys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static long bit(int hash) {
        return 1L << (hash ^ (hash >>> 6) ^ (hash >>> 12));
    }

    private void ensure(int capacity) {
        if (capacity > keys.length) {
            int grown = Math.max(capacity, keys.length * 2);
            keys = Arrays.copyOf(keys, grown);
            values = Arrays.copyOf(values, grown);
            hashes = Arrays.copyOf(hashes, grown);
        }
    }
}
