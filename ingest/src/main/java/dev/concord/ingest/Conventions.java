package dev.concord.ingest;

/**
 * Every attribute name the ingest module reads from OpenTelemetry telemetry, in one place. Names follow the
 * OpenTelemetry semantic conventions where they exist; Concord's own live under {@code tenant.}, {@code business.}
 * and {@code synthetic.}.
 */
public final class Conventions {

    // Resource attributes (OpenTelemetry semantic conventions)
    public static final String SERVICE_NAME = "service.name";
    public static final String SERVICE_VERSION = "service.version";
    public static final String CLOUD_PROVIDER = "cloud.provider";
    public static final String CLOUD_REGION = "cloud.region";
    public static final String DEPLOYMENT_ENVIRONMENT_NAME = "deployment.environment.name";
    /** Deprecated by OpenTelemetry in favour of {@link #DEPLOYMENT_ENVIRONMENT_NAME}; still accepted on input. */
    public static final String DEPLOYMENT_ENVIRONMENT_DEPRECATED = "deployment.environment";

    // Concord's resource attribute
    public static final String TENANT_ID = "tenant.id";

    // Concord's span attributes for business transactions
    public static final String BUSINESS_TRANSACTION = "business.transaction";
    public static final String BUSINESS_TRANSACTION_ID = "business.transaction.id";
    public static final String BUSINESS_TRANSACTION_STAGE = "business.transaction.stage";

    // Synthetic probes
    public static final String USER_AGENT_SYNTHETIC_TYPE = "user_agent.synthetic.type";
    public static final String SYNTHETIC_PROBE_NAME = "synthetic.probe.name";
    public static final String SYNTHETIC_VANTAGE_POINT = "synthetic.vantage_point";
    public static final String SYNTHETIC_TARGET_CLOUD_PROVIDER = "synthetic.target.cloud.provider";
    public static final String SYNTHETIC_TARGET_CLOUD_REGION = "synthetic.target.cloud.region";

    /** The value of a resource attribute that telemetry did not carry. */
    public static final String UNKNOWN = "unknown";

    private Conventions() {}
}
