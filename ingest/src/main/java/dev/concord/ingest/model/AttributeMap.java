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
 * An immutable map of a record's attributes in one array of keys and values. Decoders make one per span, and building
 * a hash table for each ({@code Map.copyOf}) cost as much as reading the span; the records look up only a few keys
 * each, which a scan of a few dozen entries answers as fast. Behaves as {@code Map.copyOf} does: no nulls, equal to
 * any map of the same entries, unmodifiable.
 */
public final class AttributeMap extends AbstractMap<String, String> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final AttributeMap EMPTY = new AttributeMap(new String[0]);

    /** Keys at even indexes, each followed by its value. */
    private final String[] entries;

    private transient Set<Map.Entry<String, String>> entrySet;

    private AttributeMap(String[] entries) {
        this.entries = entries;
    }

    /**
     * The first {@code count} pairs of {@code keys} and {@code values}, skipping those whose key is null (removed).
     * The keys must be distinct, as the slots of a merge are; values must not be null where the key is not.
     */
    public static AttributeMap of(String[] keys, String[] values, int count) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (keys[i] != null) {
                kept++;
            }
        }
        if (kept == 0) {
            return EMPTY;
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
        return new AttributeMap(entries);
    }

    @Override
    public int size() {
        return entries.length / 2;
    }

    @Override
    public boolean isEmpty() {
        return entries.length == 0;
    }

    @Override
    public String get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : entries[index + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        Objects.requireNonNull(value);
        for (int i = 1; i < entries.length; i += 2) {
            if (entries[i].equals(value)) {
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

    private int indexOf(Object key) {
        // a missing key answers null, a null key fails, as in Map.copyOf's maps
        int hash = key.hashCode();
        String[] all = entries;
        for (int i = 0; i < all.length; i += 2) {
            String candidate = all[i];
            if (candidate == key || (candidate.hashCode() == hash && candidate.equals(key))) {
                return i;
            }
        }
        return -1;
    }

    private final class EntrySet extends AbstractSet<Map.Entry<String, String>> {
        @Override
        public int size() {
            return entries.length / 2;
        }

        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < entries.length;
                }

                @Override
                public Map.Entry<String, String> next() {
                    if (next >= entries.length) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, String> entry = Map.entry(entries[next], entries[next + 1]);
                    next += 2;
                    return entry;
                }
            };
        }
    }
}
