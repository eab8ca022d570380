package dev.concord.engine.decide.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.rules.model.Signals;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FamiliesTest {

    private static final Judgement J = Judgement.defaults();
    private static final long T = 1_767_600_000_000L;

    private static Sums sums(int total, int bad) {
        return new Sums(total, bad, Math.round(total), bad > 0 ? T : Long.MAX_VALUE, Double.NaN, new double[0]);
    }

    private static Sums latencies(double... values) {
        return new Sums(values.length, 0, values.length, Long.MAX_VALUE, Double.NaN, values);
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                Arguments.of(
                        "too few checks is NO_DATA, however many fail",
                        sums(4, 4),
                        sums(180, 0),
                        sums(12, 0),
                        Verdict.NO_DATA),
                Arguments.of(
                        "three sampled calls that stand for eight each are three observations, too few: NO_DATA",
                        new Sums(24, 24, 3, T, Double.NaN, new double[0]),
                        sums(180, 0),
                        sums(12, 0),
                        Verdict.NO_DATA),
                Arguments.of(
                        "every check failing against a clean baseline and a clean other cloud is FAILING",
                        sums(12, 12),
                        sums(180, 0),
                        sums(12, 0),
                        Verdict.FAILING),
                Arguments.of(
                        "one failure in twelve against a clean baseline is not significant",
                        sums(12, 1),
                        sums(180, 0),
                        sums(12, 0),
                        Verdict.HEALTHY),
                Arguments.of(
                        "two failures in twelve are significant but below the failing share: DEGRADED",
                        sums(12, 2),
                        sums(180, 0),
                        sums(12, 0),
                        Verdict.DEGRADED),
                Arguments.of(
                        "a failure share the baseline already had is HEALTHY",
                        sums(100, 10),
                        sums(1500, 150),
                        sums(100, 0),
                        Verdict.HEALTHY),
                Arguments.of(
                        "no worse than an other cloud that did not change is HEALTHY",
                        sums(100, 20),
                        sums(1500, 30),
                        sums(100, 20),
                        Verdict.HEALTHY),
                Arguments.of(
                        "an outage older than the baseline is still FAILING",
                        sums(12, 12),
                        sums(180, 180),
                        sums(12, 0),
                        Verdict.FAILING),
                Arguments.of(
                        "both clouds failing alike is FAILING for each: the target veto reports it",
                        sums(12, 12),
                        sums(180, 0),
                        sums(12, 12),
                        Verdict.FAILING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void counts(String sentence, Sums current, Sums baseline, Sums other, Verdict expected) {
        // the other cloud's baseline is its current share: it did not change
        Sums otherBaseline = sums(1500, (int) Math.round(1500 * other.share()));
        SignalVerdict verdict = Families.counts(Signals.HEALTH, J, current, baseline, other, otherBaseline);

        assertThat(verdict.verdict()).isEqualTo(expected);
        assertThat(verdict.family()).isEqualTo(Signals.HEALTH);
    }

    @Test
    void aSignificantlySlowerMedianIsDegradedByMannWhitneyU() {
        SignalVerdict verdict = Families.counts(
                Signals.DEPENDENCY,
                J,
                latencies(900, 950, 1000, 1100, 1200, 980, 1020, 990),
                latencies(100, 110, 90, 120, 105, 95, 100, 115, 98, 102),
                Sums.EMPTY,
                Sums.EMPTY);

        assertThat(verdict.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(verdict.evidence().measure()).isEqualTo("latency_median_ratio");
        assertThat(verdict.evidence().pValue()).isLessThan(J.alpha());
    }

    private static Map<String, Sums> vantagePoints(int... failures) {
        Map<String, Sums> runs = new java.util.TreeMap<>();
        for (int i = 0; i < failures.length; i++) {
            runs.put("vp" + i, sums(6, failures[i]));
        }
        return runs;
    }

    @Test
    void oneIsolatedVantagePointCannotMarkATargetDown() {
        SignalVerdict verdict = Families.probes(
                J, 2, 0.5, vantagePoints(6, 0, 0), Map.of(), Map.of("vp0", "aws", "vp1", "gcp", "vp2", "azure"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(verdict.evidence().value()).isEqualTo(1.0);
        assertThat(verdict.evidence().vantagePoints()).isEqualTo(3);
    }

    @Test
    void vantagePointsInTwoNetworksSeeingTheTargetFailAreFailing() {
        SignalVerdict verdict = Families.probes(
                J, 2, 0.5, vantagePoints(6, 3, 0), Map.of(), Map.of("vp0", "aws", "vp1", "gcp", "vp2", "azure"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(verdict.sinceMillis()).isEqualTo(T);
    }

    @Test
    void vantagePointsAllInOneNetworkAreOnlyDegraded() {
        SignalVerdict verdict = Families.probes(
                J, 2, 0.5, vantagePoints(6, 6, 0), Map.of(), Map.of("vp0", "aws", "vp1", "aws", "vp2", "gcp"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.DEGRADED);
    }

    @Test
    void tooFewVantagePointsWithEnoughRunsIsNoData() {
        Map<String, Sums> runs = Map.of("vp0", sums(6, 6), "vp1", sums(2, 2));

        assertThat(Families.probes(J, 2, 0.5, runs, Map.of(), Map.of()).verdict())
                .isEqualTo(Verdict.NO_DATA);
    }

    @Test
    void logSignaturesAboveTheirRateAndTheirBaselineAreFailing() {
        assertThat(Families.logSignatures(J, 5, sums(200, 12), sums(3000, 2), sums(200, 0), sums(3000, 0))
                        .verdict())
                .isEqualTo(Verdict.FAILING);
        assertThat(Families.logSignatures(J, 5, sums(200, 3), sums(3000, 2), sums(200, 0), sums(3000, 0))
                        .verdict())
                .isEqualTo(Verdict.HEALTHY);
    }

    @Test
    void aCloudThatSentNoLogsIsNoDataForLogSignatures() {
        assertThat(Families.logSignatures(J, 5, Sums.EMPTY, sums(3000, 2), sums(200, 0), Sums.EMPTY)
                        .verdict())
                .isEqualTo(Verdict.NO_DATA);
    }

    @Test
    void aGuardPastItsLimitIsFailingAndASilentGuardIsNoData() {
        List<Families.Limit> limits = List.of(new Families.Limit("backlog", 600.0, null));
        Sums backlog = new Sums(2, 2, 2, T, 900, new double[0]);

        SignalVerdict failing = Families.guards(J, limits, Map.of("backlog", backlog));

        assertThat(failing.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(failing.evidence().value()).isEqualTo(900.0);
        assertThat(failing.evidence().threshold()).isEqualTo(600.0);
        assertThat(Families.guards(J, limits, Map.of()).verdict()).isEqualTo(Verdict.NO_DATA);
    }

    @Test
    void aTicketAlertIsOnlyDegradedForAPolicyThatListensToPages() {
        Observation ticket = new Observation(
                "web-api", Signals.TRACE_SLO, "aws", "*", "*", "o2f", "ticket", "", "", T, true, 3, 1, "");

        assertThat(Families.traceSlo(J, List.of(ticket), true).verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(Families.traceSlo(J, List.of(ticket), false).verdict()).isEqualTo(Verdict.FAILING);
        assertThat(Families.traceSlo(J, List.of(), true).verdict()).isEqualTo(Verdict.HEALTHY);
    }
}
