package dev.concord.outputs.elasticsearch;

import java.util.Map;
import java.util.Objects;

/**
 * One document as it goes into a bulk request. The id is derived from the record's identity, never generated, so
 * writing the same record twice overwrites instead of duplicating.
 */
public record IndexedDocument(String index, String id, Map<String, Object> source) {

    public IndexedDocument {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
    }
}
