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
    /** Concord's: the step of a probe run that failed, absent on success. */
    public static final String SYNTHETIC_PROBE_FAILED_STEP = "synthetic.probe.failed_step";

    /** The values of {@link #USER_AGENT_SYNTHETIC_TYPE} that mark a span as synthetic. */
    public static final String SYNTHETIC_TYPE_TEST = "test";

    public static final String SYNTHETIC_TYPE_BOT = "bot";

    // Sampling: how many spans a sampled span stands for, when the sender knows better than the tracestate
    public static final String SAMPLING_ADJUSTED_COUNT = "sampling.adjusted_count";
    /** The OpenTelemetry entry of the W3C tracestate, and its rejection-threshold key. */
    public static final String TRACESTATE_OTEL_KEY = "ot";

    public static final String TRACESTATE_THRESHOLD_KEY = "th";

    // Concord's own metrics (Prometheus naming: concord_ prefix, base units, counters end in _total)
    public static final String METRIC_ITEMS_RECEIVED = "concord_ingest_items_received_total";
    public static final String METRIC_ITEMS_ACCEPTED = "concord_ingest_items_accepted_total";
    public static final String METRIC_ITEMS_REJECTED = "concord_ingest_items_rejected_total";
    public static final String METRIC_ITEMS_ADJUSTED = "concord_ingest_items_adjusted_total";
    public static final String METRIC_REQUESTS = "concord_ingest_requests_total";
    public static final String METRIC_REQUEST_DURATION = "concord_ingest_request_duration_seconds";
    public static final String METRIC_REQUEST_BYTES = "concord_ingest_request_bytes_total";
    public static final String METRIC_HEADER_TIMEOUTS = "concord_ingest_http_header_timeouts_total";
    public static final String METRIC_QUEUE_DEPTH = "concord_ingest_queue_depth_requests";
    public static final String METRIC_QUEUE_BYTES = "concord_ingest_queue_bytes";
    public static final String METRIC_DEAD_LETTERS = "concord_ingest_dead_letters_total";

    // Label names of Concord's own metrics; every value comes from a bounded set
    public static final String LABEL_SIGNAL = "signal";
    public static final String LABEL_REASON = "reason";
    public static final String LABEL_ADJUSTMENT = "adjustment";
    public static final String LABEL_TRANSPORT = "transport";
    public static final String LABEL_CODE = "code";

    /** The value of a resource attribute that telemetry did not carry. */
    public static final String UNKNOWN = "unknown";

    private Conventions() {}
}
