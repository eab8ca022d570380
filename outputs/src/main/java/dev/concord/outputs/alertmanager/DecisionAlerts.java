package dev.concord.outputs.alertmanager;

import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.DecisionTexts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a failover decision reads in Alertmanager. One alert per policy and scope: its name follows the decision's
 * state (a page for what someone must act on, a ticket for what only informs), and it resolves when the decision
 * is withdrawn, expires, or is followed by a failback.
 */
public final class DecisionAlerts {

    /** The Grafana dashboard a decision alert links to (its uid is fixed in deploy/grafana). */
    public static final String DECISIONS_DASHBOARD_PATH = "/d/concord-failover-decisions/concord-failover-decisions";

    private DecisionAlerts() {}

    /** The decision ends its alert: nothing is left to act on. */
    public static boolean ends(DecisionRecord d) {
        return d.state() == DecisionState.WITHDRAWN
                || d.state() == DecisionState.EXPIRED
                || d.action() == Action.FAILBACK;
    }

    /** The alert name for a decision that does not end one. */
    public static String alertname(DecisionRecord d) {
        if (d.action() == Action.ROLLBACK_RELEASE) {
            return AlertLabels.ROLLBACK_RECOMMENDED;
        }
        if (d.action() == Action.NONE) {
            return AlertLabels.FAILOVER_NOTICE;
        }
        return switch (d.state()) {
            case VETOED -> AlertLabels.FAILOVER_VETOED;
            case HELD -> AlertLabels.FAILOVER_HELD;
            case PENDING_CONFIRMATION -> AlertLabels.FAILOVER_NEEDS_CONFIRMATION;
            default -> AlertLabels.FAILOVER_RECOMMENDED;
        };
    }

    public static String severity(String alertname) {
        return switch (alertname) {
            case AlertLabels.FAILOVER_RECOMMENDED,
                    AlertLabels.FAILOVER_NEEDS_CONFIRMATION,
                    AlertLabels.ROLLBACK_RECOMMENDED -> AlertLabels.SEVERITY_PAGE;
            default -> AlertLabels.SEVERITY_TICKET;
        };
    }

    /** Policy and scope: what identifies the one alert a policy has open at a scope. */
    public static String key(DecisionRecord d) {
        return d.policy() + "|" + DecisionTexts.scope(d.scope());
    }

    /**
     * The decision as an active alert starting at its event time, so a replay reports when the decision was taken
     * rather than when it was replayed. Labels identify it (policy, scope, the alert name); state and evidence are
     * annotations, so a confirmation updates the same alert.
     */
    public static Alert toAlert(DecisionRecord d, String dashboardBaseUrl, String runbookUrl, String generatorUrl) {
        String alertname = alertname(d);
        Map<String, String> labels = new HashMap<>();
        labels.put(AlertLabels.ALERTNAME, alertname);
        labels.put(AlertLabels.SEVERITY, severity(alertname));
        labels.put(AlertLabels.POLICY, d.policy());
        labels.put(AlertLabels.DOMAIN, d.domain());
        labels.put(AlertLabels.ACTION, d.action().name().toLowerCase(Locale.ROOT));
        labels.put(AlertLabels.CLOUD, d.scope().cloud());
        if (d.scope().region() != null) {
            labels.put(AlertLabels.REGION, d.scope().region());
        }
        if (d.scope().tenant() != null) {
            labels.put(AlertLabels.TENANT, d.scope().tenant());
        }
        labels.put(
                AlertLabels.SCOPE,
                d.scope().tenant() != null ? "tenant" : d.scope().region() != null ? "region" : "cloud");
        return new Alert(labels, annotations(d, dashboardBaseUrl, runbookUrl), time(d), null, generatorUrl);
    }

    /** The annotations of a decision: what it says, why, and where to look. */
    public static Map<String, String> annotations(DecisionRecord d, String dashboardBaseUrl, String runbookUrl) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(AlertLabels.SUMMARY, DecisionTexts.summary(d));
        annotations.put(AlertLabels.DESCRIPTION, description(d));
        annotations.put(AlertLabels.EVIDENCE, DecisionTexts.evidence(d));
        annotations.put(AlertLabels.DECISION_ID, d.decisionId());
        annotations.put(AlertLabels.STATE, d.state().name());
        annotations.put(AlertLabels.RUNBOOK_URL, runbookUrl);
        annotations.put(
                AlertLabels.DASHBOARD_URL,
                dashboardBaseUrl.replaceAll("/+$", "") + DECISIONS_DASHBOARD_PATH + "?var-policy="
                        + URLEncoder.encode(d.policy(), StandardCharsets.UTF_8));
        return annotations;
    }

    public static Instant time(DecisionRecord d) {
        return Instant.parse(d.eventTime());
    }

    private static String description(DecisionRecord d) {
        String scope = DecisionTexts.scope(d.scope());
        if (d.action() == Action.FAILBACK) {
            return d.from() + " has served " + scope + " while " + d.to() + " recovered; " + d.to()
                    + " has been healthy long enough to fail back.";
        }
        if (d.state() == DecisionState.WITHDRAWN) {
            return d.from() + " recovered before anyone acted: the decision is withdrawn.";
        }
        if (d.state() == DecisionState.EXPIRED) {
            return "Nobody confirmed in time: the decision expired.";
        }
        return switch (d.action()) {
                    case SHIFT_TRAFFIC ->
                        "Shift " + scope + "'s traffic from " + d.from() + " to " + d.to()
                                + (d.weights() == null
                                        ? ""
                                        : " (" + d.weights().from() + "/"
                                                + d.weights().to() + ")") + ".";
                    case PROMOTE_STANDBY -> "Promote the standby in " + d.to() + " for " + scope + ".";
                    case ROLLBACK_RELEASE ->
                        "Roll back the release the failures concentrate in instead of failing over.";
                    case NONE -> d.domain() + " in " + scope + " is failing; the policy defers failover: no action.";
                    case FAILBACK -> "";
                }
                + switch (d.state()) {
                    case VETOED -> " Vetoed: failing over now would lose data.";
                    case HELD -> " Held: " + d.to() + " is not healthy either.";
                    case PENDING_CONFIRMATION -> " Needs an operator's confirmation: concord confirm " + d.decisionId();
                    case CONFIRMED -> " Confirmed by " + d.confirmation().by() + ".";
                    default -> "";
                };
    }
}
