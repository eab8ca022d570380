package dev.concord.rules;

import java.util.List;

/**
 * Every name the rule language fixes, in one place: the API versions, the kinds, the built-in window tables and the
 * labels and annotations that carry meaning across formats. The telemetry attribute defaults repeat those of the
 * ingest module on purpose: rules are read without the engine on the classpath.
 */
public final class Conventions {

    public static final String API_VERSION = "concord.dev/v1";
    public static final String OPENSLO_API_VERSION = "openslo/v1";

    public static final String KIND_BUSINESS_TRANSACTION = "BusinessTransaction";
    public static final String KIND_SLO = "SLO";
    public static final String KIND_FAILOVER_POLICY = "FailoverPolicy";
    public static final String KIND_GUARD_SIGNAL = "GuardSignal";
    public static final String KIND_WINDOW_TABLE = "WindowTable";

    public static final List<String> KINDS =
            List.of(KIND_BUSINESS_TRANSACTION, KIND_SLO, KIND_FAILOVER_POLICY, KIND_GUARD_SIGNAL, KIND_WINDOW_TABLE);

    /** Multiwindow, multi-burn-rate alerting as published in Google's SRE workbook, for a 30-day SLO period. */
    public static final String WINDOWS_GOOGLE_30D = "google-30d";
    /** The same budget shares and windows, for a 28-day SLO period. */
    public static final String WINDOWS_GOOGLE_28D = "google-28d";

    public static final List<String> BUILT_IN_WINDOW_TABLES = List.of(WINDOWS_GOOGLE_30D, WINDOWS_GOOGLE_28D);

    /** Where the built-in window tables live on the classpath, one {@code NAME.yaml} each. */
    public static final String WINDOW_TABLE_RESOURCES = "dev/concord/rules/windows/";

    // Span attributes a BusinessTransaction matches by default (same names as ingest's Conventions)
    public static final String DEFAULT_TRANSACTION_ATTRIBUTE = "business.transaction";
    public static final String DEFAULT_ID_ATTRIBUTE = "business.transaction.id";
    public static final String DEFAULT_STAGE_ATTRIBUTE = "business.transaction.stage";

    // OpenSLO import: annotations or labels that map an OpenSLO document onto Concord telemetry
    public static final String LABEL_TRANSACTION = "concord.dev/transaction";
    public static final String LABEL_PROBE = "concord.dev/probe";
    public static final String LABEL_LATENCY_THRESHOLD = "concord.dev/latency-threshold";
    public static final String LABEL_THRESHOLD_UNIT = "concord.dev/threshold-unit";

    /** Query matchers that name the transaction when no label does, e.g. {@code business_transaction="x"}. */
    public static final List<String> QUERY_TRANSACTION_MATCHERS =
            List.of("business_transaction", "business.transaction");

    public static final String OPENSLO_KIND_SERVICE = "Service";
    public static final String OPENSLO_KIND_SLI = "SLI";
    public static final String OPENSLO_KIND_SLO = "SLO";
    public static final String OPENSLO_KIND_ALERT_POLICY = "AlertPolicy";
    public static final String OPENSLO_KIND_ALERT_CONDITION = "AlertCondition";
    public static final String OPENSLO_KIND_ALERT_NOTIFICATION_TARGET = "AlertNotificationTarget";
    public static final String OPENSLO_KIND_DATA_SOURCE = "DataSource";

    public static final List<String> OPENSLO_KINDS = List.of(
            OPENSLO_KIND_SERVICE,
            OPENSLO_KIND_SLI,
            OPENSLO_KIND_SLO,
            OPENSLO_KIND_ALERT_POLICY,
            OPENSLO_KIND_ALERT_CONDITION,
            OPENSLO_KIND_ALERT_NOTIFICATION_TARGET,
            OPENSLO_KIND_DATA_SOURCE);

    // Provenance of imported SLOs, kept as annotations so nothing an OpenSLO file said is dropped silently
    public static final String ANNOTATION_IMPORTED_FROM = "concord.dev/imported-from";
    public static final String ANNOTATION_DISPLAY_NAME = "concord.dev/display-name";
    public static final String ANNOTATION_OPENSLO_SERVICE = "concord.dev/openslo-service";
    public static final String ANNOTATION_OPENSLO_DATA_SOURCE = "concord.dev/openslo-data-source";
    public static final String ANNOTATION_COMPOSITE_OF = "concord.dev/composite-of";
    public static final String ANNOTATION_COMPOSITE_WEIGHT = "concord.dev/composite-weight";

    // Alert labels an imported alert policy sets
    public static final String ALERT_LABEL_NOTIFICATION_TARGETS = "notification_targets";
    public static final String ALERT_ANNOTATION_SEND_RESOLVED = "send_resolved";

    private Conventions() {}
}
