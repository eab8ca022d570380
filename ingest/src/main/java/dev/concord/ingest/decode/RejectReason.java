package dev.concord.ingest.decode;

/** Why one item of a request was rejected; the label is the {@code reason} label of Concord's metrics. */
public enum RejectReason {
    INVALID_ID("invalid_id"),
    END_BEFORE_START("end_before_start"),
    FUTURE_TIMESTAMP("future_timestamp"),
    INVALID_PROBE("invalid_probe"),
    MALFORMED("malformed"),
    UNAUTHENTICATED("unauthenticated"),
    TOO_LARGE("too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    OVERLOADED("overloaded"),
    SINK_UNAVAILABLE("sink_unavailable");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
