package dev.concord.ingest.model;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map of a record's attributes in arrays of keys and values. Decoders make one per span, and building a
 * hash table for each ({@code Map.copyOf}) cost as much as reading the span; the records look up only a few keys each,
 * which a scan of a few dozen entries answers as fast. A span's map may share the entries of its resource's map
 * ({@link #over}) instead of copying them into each span's. Behaves as {@code Map.copyOf} does: no nulls, equal to any
 * map of the same entries, unmodifiable.
 */
public final class AttributeMap extends AbstractMap<String, String> implements Serializable {

    private static final long serialVersionUID = 2L;
    private static final String[] NONE = new String[0];
    private static final AttributeMap EMPTY = new AttributeMap(NONE, NONE);

    /** Keys at even indexes, each followed by its value. */
    private final String[] entries;
    /** Entries shared with other maps, in the same layout; none of their keys is in {@link #entries}. */
    private final String[] shared;
    /**
     * One bit per key of {@link #entries}, chosen by its hash, made when first needed (0 until then): tells a base
     * map's absent keys without a scan. Only maps used as a base need it, so spans' maps never make it.
     */
    private transient volatile long keyBits;

    private transient Set<Map.Entry<String, String>> entrySet;

    private AttributeMap(String[] entries, String[] shared) {
        this.entries = entries;
        this.shared = shared;
    }

    private long keyBits() {
        long bits = keyBits;
        if (bits == 0) {
            for (int i = 0; i < entries.length; i += 2) {
                bits |= bit(entries[i].hashCode());
            }
            keyBits = bits;
        }
        return bits;
    }

    /**
     * The first {@code count} pairs of {@code keys} and {@code values}, skipping those whose key is null (removed).
     * The keys must be distinct, as the slots of a merge are; values must not be null where the key is not.
     */
    public static AttributeMap of(String[] keys, String[] values, int count) {
        String[] entries = entries(keys, values, count);
        return entries.length == 0 ? EMPTY : new AttributeMap(entries, NONE);
    }

    /**
     * The first {@code count} pairs of {@code keys} and {@code values} (null keys skipped, keys distinct, as for
     * {@link #of}) over the entries of {@code base}: a key given here wins over the same key in {@code base}. When no
     * key is in both, the result shares {@code base}'s entries instead of copying them, which is the usual case of a
     * span's attributes over its resource's.
     */
    public static AttributeMap over(AttributeMap base, String[] keys, String[] values, int count) {
        if (base.shared.length != 0) {
            base = new AttributeMap(base.flatten(), NONE);
        }
        if (base.entries.length == 0) {
            return of(keys, values, count);
        }
        long baseBits = base.keyBits();
        boolean clash = false;
        for (int i = 0; i < count && !clash; i++) {
            String key = keys[i];
            clash = key != null && (baseBits & bit(key.hashCode())) != 0 && base.indexOf(key) >= 0;
        }
        String[] own = entries(keys, values, count);
        if (!clash) {
            return own.length == 0 ? base : new AttributeMap(own, base.entries);
        }
        // rare: a span attribute named as a resource attribute, so the resource's entry is left out of this map
        AttributeMap ownMap = new AttributeMap(own, NONE);
        String[] kept = new String[base.entries.length];
        int next = 0;
        for (int i = 0; i < base.entries.length; i += 2) {
            if (ownMap.indexOf(base.entries[i]) < 0) {
                kept[next++] = base.entries[i];
                kept[next++] = base.entries[i + 1];
            }
        }
        String[] remaining = new String[next];
        System.arraycopy(kept, 0, remaining, 0, next);
        return new AttributeMap(own, remaining);
    }

    private static String[] entries(String[] keys, String[] values, int count) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (keys[i] != null) {
                kept++;
            }
        }
        if (kept == 0) {
            return NONE;
        }
        String[] entries = new String[kept * 2];
        int next = 0;
        for (int i = 0; i < count; i++) {
            String key = keys[i];
            if (key != null) {
                entries[next] = key;
                entries[next + 1] = Objects.requireNonNull(values[i], key);
                next += 2;
            }
        }
        return entries;
    }

    private String[] flatten() {
        String[] all = new String[entries.length + shared.length];
        System.arraycopy(entries, 0, all, 0, entries.length);
        System.arraycopy(shared, 0, all, entries.length, shared.length);
        return all;
    }

    @Override
    public int size() {
        return (entries.length + shared.length) / 2;
    }

    @Override
    public boolean isEmpty() {
        return entries.length == 0 && shared.length == 0;
    }

    @Override
    public String get(Object key) {
        int index = indexOf(key);
        if (index >= 0) {
            return entries[index + 1];
        }
        index = indexOf(shared, key, key.hashCode());
        return index < 0 ? null : shared[index + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0 || indexOf(shared, key, key.hashCode()) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        Objects.requireNonNull(value);
        return containsValue(entries, value) || containsValue(shared, value);
    }

    private static boolean containsValue(String[] all, Object value) {
        for (int i = 1; i < all.length; i += 2) {
            if (all[i].equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        Set<Map.Entry<String, String>> set = entrySet;
        if (set == null) {
            set = new EntrySet();
            entrySet = set;
        }
        return set;
    }

    /** The index of {@code key} in {@link #entries}, -1 when absent. */
    private int indexOf(Object key) {
        // a missing key answers null, a null key fails, as in Map.copyOf's maps
        return indexOf(entries, key, key.hashCode());
    }

    private static int indexOf(String[] all, Object key, int hash) {
        for (int i = 0; i < all.length; i += 2) {
            String candidate = all[i];
            if (candidate == key || (candidate.hashCode() == hash && candidate.equals(key))) {
                return i;
            }
        }
        return -1;
    }

    private static long bit(int hash) {
        return 1L << (hash ^ (hash >>> 6) ^ (hash >>> 12));
    }

    private final class EntrySet extends AbstractSet<Map.Entry<String, String>> {
        @Override
        public int size() {
            return AttributeMap.this.size();
        }

        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            return new Iterator<>() {
                private String[] current = entries.length != 0 ? entries : shared;
                private int next;

                @Override
                public boolean hasNext() {
                    return next < current.length;
                }

                @Override
                public Map.Entry<String, String> next() {
                    if (next >= current.length) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, String> entry = Map.entry(current[next], current[next + 1]);
                    next += 2;
                    if (next == current.length && current == entries) {
                        current = shared;
                        next = 0;
                    }
                    return entry;
                }
            };
        }
    }
}
