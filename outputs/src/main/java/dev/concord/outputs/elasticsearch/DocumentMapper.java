package dev.concord.outputs.elasticsearch;

import java.io.Serializable;

/** Turns one record into the document that stores it, in an index named after the given prefix. */
@FunctionalInterface
public interface DocumentMapper<T> extends Serializable {

    IndexedDocument toDocument(T element, String indexPrefix);
}
