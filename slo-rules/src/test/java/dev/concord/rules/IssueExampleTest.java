package dev.concord.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.rules.explain.Explainer;
import dev.concord.rules.explain.TextReport;
import dev.concord.rules.model.Budgeting;
import dev.concord.rules.model.BusinessTransaction;
import dev.concord.rules.model.FailoverPolicy;
import dev.concord.rules.model.GroupBy;
import dev.concord.rules.model.GuardSignal;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.model.Layer;
import dev.concord.rules.model.Scope;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.SloWindow;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example at the end of the issue that specified the rule language must load as written and mean what it says. */
class IssueExampleTest {

    private static final Path EXAMPLE = Path.of("src/test/resources/example/issue-example.yaml");

    private final CheckResult result = Rules.check(List.of(EXAMPLE));

    @Test
    void loadsWithoutAnyProblem() {
        assertThat(result.problems()).isEmpty();
        assertThat(result.rules().documents()).hasSize(4);
    }

    @Test
    void theTransactionCompletesAtErpPostingWithinFifteenMinutes() {
        BusinessTransaction transaction = result.rules().transactions().get(0);
        assertThat(transaction.name()).isEqualTo("order-to-fulfillment");
        assertThat(transaction.metadata().labels()).containsEntry("domain", "distribution");
        assertThat(transaction.match()).isEqualTo(BusinessTransaction.Match.DEFAULT);
        assertThat(transaction.stages())
                .containsExactly("order-capture", "inventory-reserve", "pick", "ship", "erp-posting");
        assertThat(transaction.completesAt()).isEqualTo("erp-posting");
        assertThat(transaction.maxDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(transaction.failure())
                .as("a failed stage fails the transaction at its end unless told otherwise")
                .isEqualTo(new BusinessTransaction.Failure(true, Duration.ZERO));
    }

    @Test
    void theSloIsThreeNinesOfAvailabilityOverARolling30Days() {
        Slo slo = result.rules().slos().get(0);
        assertThat(slo.transaction()).isEqualTo("order-to-fulfillment");
        assertThat(slo.indicator()).isEqualTo(new Indicator.Availability());
        assertThat(slo.objectivePercent()).isEqualByComparingTo("99.9");
        assertThat(slo.window()).isEqualTo(new SloWindow.Rolling(Duration.ofDays(30)));
        assertThat(slo.budgeting()).isEqualTo(new Budgeting.Occurrences());
        assertThat(slo.groupBy()).containsExactly(GroupBy.CLOUD, GroupBy.REGION, GroupBy.TENANT);
        assertThat(slo.alerting().windowTable()).isEqualTo("google-30d");
        assertThat(slo.alerting().minEvents()).isEqualTo(50);
        assertThat(slo.alerting().labels()).isEqualTo(Map.of("team", "fulfillment"));
        assertThat(slo.alerting().annotations())
                .containsEntry("runbook_url", "https://runbooks.example.com/order-to-fulfillment");
    }

    @Test
    void thePolicyNeedsTwoOfFiveFamiliesAndHonoursEveryVeto() {
        FailoverPolicy policy = result.rules().policies().get(0);
        assertThat(policy.layer()).isEqualTo(Layer.WEB_API);
        assertThat(policy.pattern()).isEqualTo(HaPattern.ACTIVE_ACTIVE);
        assertThat(policy.clouds()).isEqualTo(new FailoverPolicy.Clouds("aws", "gcp"));
        assertThat(policy.scopes()).containsExactly(Scope.TENANT, Scope.REGION, Scope.CLOUD);
        assertThat(policy.signals().configured())
                .containsExactly("trace_slo", "probes", "health", "dependency", "log_signatures");
        assertThat(policy.signals().probes().minFailingFraction()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(policy.signals().logSignatures().minRate().per()).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.quorum().atLeast()).isEqualTo(2);
        assertThat(policy.vetoes())
                .isEqualTo(new FailoverPolicy.Vetoes(
                        new FailoverPolicy.ReplicationLag("erp-db-replication-lag", Duration.ofMinutes(5)),
                        true,
                        true));
        assertThat(policy.confirmation().required()).isFalse();
        assertThat(policy.timing())
                .isEqualTo(new FailoverPolicy.Timing(
                        Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofMinutes(15)));
    }

    @Test
    void theGuardReadsTheReplicationLagMetricOfTheErpCluster() {
        GuardSignal guard = result.rules().guards().get(0);
        assertThat(guard.source())
                .isEqualTo(new GuardSignal.OtlpMetric("db.replication.lag", "s", Map.of("db.cluster", "erp")));
    }

    @Test
    void theExplanationPagesAtFourteenPointFourTimesTheBudgetRate() {
        String text = TextReport.render(Explainer.explain(result.rules()));
        assertThat(text).contains("43m12s of total failure per 30d").contains("14.4");
    }
}
