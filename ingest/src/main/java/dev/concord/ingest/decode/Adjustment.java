package dev.concord.ingest.decode;

/** A change Concord made to an accepted item; the label is the {@code adjustment} label of Concord's metrics. */
public enum Adjustment {
    /** The payload claimed a tenant other than the authenticated one. */
    TENANT_OVERRIDDEN("tenant_overridden"),
    DEPRECATED_ENVIRONMENT_RENAMED("deprecated_environment_renamed"),
    MISSING_SERVICE_NAME("missing_service_name"),
    ATTRIBUTE_VALUE_TRUNCATED("attribute_value_truncated"),
    ATTRIBUTES_DROPPED("attributes_dropped");

    private final String label;

    Adjustment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
