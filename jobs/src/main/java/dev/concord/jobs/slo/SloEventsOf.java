package dev.concord.jobs.slo;

import dev.concord.jobs.correlate.Outcome;
import dev.concord.jobs.correlate.TransactionOutcome;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a transaction outcome into one event for each SLO on its transaction, keyed by the dimensions that SLO is
 * grouped by. Availability counts a completed transaction as good; latency also wants it faster than the threshold.
 * Each event weighs as many transactions as the outcome stands for under sampling. A transaction decided as a
 * telemetry gap is no event at all.
 */
public final class SloEventsOf implements FlatMapFunction<TransactionOutcome, SloEvent> {

    private final List<SloSpec> slos;

    public SloEventsOf(List<SloSpec> slos) {
        this.slos = List.copyOf(slos);
    }

    @Override
    public void flatMap(TransactionOutcome outcome, Collector<SloEvent> out) {
        if (outcome.outcome() == Outcome.TELEMETRY_GAP) {
            // missing telemetry says nothing of the service: it neither spends nor earns budget
            return;
        }
        for (SloSpec slo : slos) {
            if (!slo.transaction().equals(outcome.transaction())) {
                continue;
            }
            boolean good =
                    outcome.success() && (!slo.latency() || outcome.durationMillis() < slo.latencyThresholdMillis());
            out.collect(SloEvent.single(key(slo, outcome), outcome.endEpochMillis(), good, outcome.adjustedCount()));
        }
    }

    static SloKey key(SloSpec slo, TransactionOutcome outcome) {
        return new SloKey(
                slo.name(),
                slo.byCloud() ? outcome.cloudProvider() : SloSpec.ALL,
                slo.byRegion() ? outcome.cloudRegion() : SloSpec.ALL,
                slo.byTenant() ? outcome.tenant() : SloSpec.ALL);
    }
}
