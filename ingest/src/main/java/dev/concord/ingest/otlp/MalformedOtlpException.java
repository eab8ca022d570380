package dev.concord.ingest.otlp;

/**
 * A payload that cannot be read as OTLP at all: truncated protobuf, invalid JSON, invalid UTF-8, ids that are not
 * hex. Receivers answer it with 400 and a {@code google.rpc.Status}; it is checked so that no caller forgets it.
 */
public final class MalformedOtlpException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedOtlpException(String message) {
        super(message, null, false, false);
    }

    public MalformedOtlpException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause, false, false);
    }
}
