package dev.concord.alerting;

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
    /** The burn-rate window pair of an SLO alert, {@code 1h/5m}: two pairs of one severity are two alerts. */
    public static final String WINDOW = "window";

    public static final String SLO_BURN_RATE_HIGH = "SloBurnRateHigh";
    public static final String FAILOVER_RECOMMENDED = "FailoverRecommended";
    public static final String FAILOVER_VETOED = "FailoverVetoed";
    public static final String FAILOVER_NEEDS_CONFIRMATION = "FailoverNeedsConfirmation";

    public static final String SEVERITY_PAGE = "page";
    public static final String SEVERITY_TICKET = "ticket";

    public static final String SUMMARY = "summary";
    public static final String DESCRIPTION = "description";
    public static final String RUNBOOK_URL = "runbook_url";
    public static final String DASHBOARD_URL = "dashboard_url";

    private AlertLabels() {}
}
