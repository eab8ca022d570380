package dev.concord.outputs.alertmanager;

import static dev.concord.outputs.alertmanager.DecisionFixtures.decision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionAlertsTest {

    private static final String AT = "2026-01-05T09:12:00Z";

    @ParameterizedTest(name = "{0} {1} is {2} ({3})")
    @CsvSource({
        "SHIFT_TRAFFIC, RECOMMENDED, FailoverRecommended, page",
        "SHIFT_TRAFFIC, CONFIRMED, FailoverRecommended, page",
        "PROMOTE_STANDBY, PENDING_CONFIRMATION, FailoverNeedsConfirmation, page",
        "PROMOTE_STANDBY, VETOED, FailoverVetoed, ticket",
        "SHIFT_TRAFFIC, HELD, FailoverHeld, ticket",
        "ROLLBACK_RELEASE, RECOMMENDED, RollbackRecommended, page",
        "NONE, RECOMMENDED, FailoverNotice, ticket",
    })
    void aDecisionThatAsksForActionPagesAndOneThatOnlyInformsIsATicket(
            Action action, DecisionState state, String alertname, String severity) {
        Alert alert = DecisionAlerts.toAlert(decision(action, state, AT), "http://grafana", "http://runbook", "");

        assertThat(alert.labels())
                .containsEntry("alertname", alertname)
                .containsEntry("severity", severity)
                .containsEntry("policy", "web-api")
                .containsEntry("domain", "web-api")
                .containsEntry("cloud", "aws")
                .containsEntry("region", "us-east-1")
                .containsEntry("scope", "region")
                .doesNotContainKey("tenant");
        assertThat(alert.startsAt()).hasToString(AT);
        assertThat(alert.resolved()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} ends the alert")
    @CsvSource({"SHIFT_TRAFFIC, WITHDRAWN", "PROMOTE_STANDBY, EXPIRED", "FAILBACK, RECOMMENDED"})
    void aWithdrawnOrExpiredDecisionOrAFailbackEndsTheAlert(Action action, DecisionState state) {
        assertThat(DecisionAlerts.ends(decision(action, state, AT))).isTrue();
    }

    @Test
    void annotationsCarryTheEvidenceTheVetoesTheDecisionIdAndTheDashboard() {
        Alert alert = DecisionAlerts.toAlert(
                decision(Action.PROMOTE_STANDBY, DecisionState.VETOED, AT), "http://grafana/", "http://runbook", "");

        assertThat(alert.annotations().get("evidence"))
                .contains("probes FAILING: failing_vantage_points 3 (threshold 2, over 1m, 18 samples, 3 vantage"
                        + " points, p=0.00100)")
                .contains("log_signatures NO_DATA: error_logs (over 1m, 0 samples)")
                .contains("veto replication_lag: lag is 720 s, above the RPO of 300 s");
        assertThat(alert.annotations().get("description")).contains("Vetoed");
        assertThat(alert.annotations())
                .containsEntry("decision_id", DecisionFixtures.ID)
                .containsEntry("state", "VETOED")
                .containsEntry("runbook_url", "http://runbook")
                .containsEntry(
                        "dashboard_url",
                        "http://grafana/d/concord-failover-decisions/concord-failover-decisions?var-policy=web-api");
        assertThat(alert.annotations().get("summary"))
                .isEqualTo("web-api: PROMOTE_STANDBY aws/us-east-1 from aws to gcp, VETOED (2 families failing, 2"
                        + " needed; counted: probes, health)");
    }

    @Test
    void aConfirmationKeepsTheSameAlertIdentity() {
        Alert recommended = DecisionAlerts.toAlert(
                decision(Action.SHIFT_TRAFFIC, DecisionState.RECOMMENDED, AT), "http://g", "http://r", "");
        Alert confirmed = DecisionAlerts.toAlert(
                decision(Action.SHIFT_TRAFFIC, DecisionState.CONFIRMED, "2026-01-05T09:14:00Z"),
                "http://g",
                "http://r",
                "");

        assertThat(confirmed.labels()).isEqualTo(recommended.labels());
        assertThat(confirmed.annotations().get("description")).contains("Confirmed by alice");
    }
}
