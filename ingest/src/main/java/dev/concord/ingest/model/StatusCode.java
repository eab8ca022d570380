package dev.concord.ingest.model;

/** The OTLP span status codes, in OTLP's numbering order. */
public enum StatusCode {
    UNSET,
    OK,
    ERROR
}
