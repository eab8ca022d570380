package dev.concord.ingest.model;

/** The OTLP span kinds, in OTLP's numbering order. */
public enum SpanKind {
    UNSPECIFIED,
    INTERNAL,
    SERVER,
    CLIENT,
    PRODUCER,
    CONSUMER
}
