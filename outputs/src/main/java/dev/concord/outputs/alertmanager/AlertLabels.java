package dev.concord.outputs.alertmanager;

/**
 * Alert names, label names, severities and annotation keys Concord sends to Alertmanager. The routing tree in
 * {@code deploy/alertmanager/alertmanager.yml} matches on these: renaming one is a change to that file too.
 */
public final class AlertLabels {

    public static final String ALERTNAME = "alertname";
    public static final String SEVERITY = "severity";
    public static final String SLO = "slo";
    public static final String TRANSACTION = "transaction";
    public static final String CLOUD = "cloud";
    public static final String REGION = "region";
    public static final String TENANT = "tenant";
    public static final String POLICY = "policy";
    /** The layer a failover policy governs ({@code web-api}). */
    public static final String DOMAIN = "domain";

    public static final String ACTION = "action";
    /** How far a decision reaches: {@code cloud}, {@code region} or {@code tenant}; inhibit rules match on it. */
    public static final String SCOPE = "scope";
    /** The burn-rate window pair of an SLO alert, {@code 1h/5m}: two pairs of one severity are two alerts. */
    public static final String WINDOW = "window";

    public static final String SLO_BURN_RATE_HIGH = "SloBurnRateHigh";
    public static final String FAILOVER_RECOMMENDED = "FailoverRecommended";
    public static final String FAILOVER_VETOED = "FailoverVetoed";
    public static final String FAILOVER_NEEDS_CONFIRMATION = "FailoverNeedsConfirmation";
    /** The target cloud is failing or degraded too: failing over would not help. */
    public static final String FAILOVER_HELD = "FailoverHeld";

    public static final String ROLLBACK_RECOMMENDED = "RollbackRecommended";
    /** A deferred layer's decision: a ticket, no failover. */
    public static final String FAILOVER_NOTICE = "FailoverNotice";

    public static final String SEVERITY_PAGE = "page";
    public static final String SEVERITY_TICKET = "ticket";

    public static final String SUMMARY = "summary";
    public static final String DESCRIPTION = "description";
    public static final String RUNBOOK_URL = "runbook_url";
    public static final String DASHBOARD_URL = "dashboard_url";
    public static final String DECISION_ID = "decision_id";
    public static final String STATE = "state";
    /** Every signal family's verdict with what it measured, and every veto, one per line. */
    public static final String EVIDENCE = "evidence";

    private AlertLabels() {}
}
