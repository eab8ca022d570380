package dev.concord.engine.slo;

import dev.concord.engine.SumsAhead;
import dev.concord.engine.correlate.Outcome;
import dev.concord.engine.correlate.TransactionOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Turns transaction outcomes into SLO events and sums them per SLO key and minute where the outcomes are decided, so
 * the evaluator adds a few sums per watermark instead of taking one event per outcome and SLO across the network.
 * Availability counts a completed transaction as good; latency also wants it faster than the threshold. Each outcome
 * weighs as many transactions as it stands for under sampling. A transaction decided as a telemetry gap is no event at
 * all: missing telemetry says nothing of the service, so it neither spends nor earns budget.
 *
 * <p>What the evaluator counts stays what it was when every outcome went to it on its own. It drops an event as late
 * when the event's timestamp is behind its watermark, which is never ahead of the last watermark this instance sent.
 * So an event stamped at or after that watermark cannot be late there until this instance sends the next one, and its
 * sum, stamped with the latest of its events' timestamps, leaves before that. An event stamped behind it goes on at
 * once on its own, as it did before: another input may still hold the evaluator's watermark back, and the event is
 * judged there. Sums also leave when this input turns idle (the evaluator then stops waiting for it), before each
 * checkpoint barrier (so nothing needs checkpointing), and at the end of input.
 *
 * <p>Sums leave before every watermark rather than once their minute has passed: the evaluator goes on evaluating a
 * key for as long after its latest event's minute as its longest window, so an event held for a later watermark could
 * change which minutes are evaluated. The sums leave in the order their first events arrived: the evaluator's timers
 * due at the same time fire in the order they were set, and the sums set them in the order the events alone did, so at
 * parallelism 1 its output is the same record for record.
 * Weights are summed here before the evaluator adds them to its counts: where every sum is exact, as with whole-number
 * adjusted counts, the counts come out the same to the last bit; other weights may differ in their last bits, as any
 * other order of the same additions would.
 */
final class SloTallies extends SumsAhead<TransactionOutcome, SloEvent> {

    private static final long serialVersionUID = 1L;

    /** The events of one SLO key in one minute since the last time sums left. */
    private static final class Tally {
        private final SloKey key;
        private final long minute;
        private double goodWeight;
        private double weight;
        private long timestamp = Long.MIN_VALUE;
        /** The same key in another minute: rarely more than two minutes between watermarks. */
        private Tally otherMinute;

        private Tally(SloKey key, long minute) {
            this.key = key;
            this.minute = minute;
        }

        /** Whether this is the key {@code slo} gives {@code outcome}, without building that key. */
        private boolean keys(SloSpec slo, TransactionOutcome outcome) {
            return key.cloudProvider().equals(cloudOf(slo, outcome))
                    && key.cloudRegion().equals(regionOf(slo, outcome))
                    && key.tenant().equals(tenantOf(slo, outcome));
        }
    }

    private final SloSpec[] slos;

    /** The first tally of each key; other minutes of the key hang off it. */
    private transient Map<SloKey, Tally> byKey;

    /** Every tally, in the order of its first event: the order the sums leave in. */
    private transient List<Tally> tallies;

    /** Per SLO, the tally it last added to: consecutive outcomes mostly share a key and minute. */
    private transient Tally[] last;

    SloTallies(List<SloSpec> slos) {
        this.slos = slos.toArray(SloSpec[]::new);
    }

    @Override
    public void open() throws Exception {
        super.open();
        byKey = new HashMap<>();
        tallies = new ArrayList<>();
        last = new Tally[slos.length];
    }

    @Override
    public void processElement(StreamRecord<TransactionOutcome> element) throws Exception {
        TransactionOutcome outcome = element.getValue();
        if (outcome.outcome() == Outcome.TELEMETRY_GAP) {
            return;
        }
        long time = element.getTimestamp();
        long minute = Math.floorDiv(outcome.endEpochMillis(), SloEvaluator.MINUTE_MILLIS);
        for (int i = 0; i < slos.length; i++) {
            SloSpec slo = slos[i];
            if (!slo.transaction().equals(outcome.transaction())) {
                continue;
            }
            boolean good = good(slo, outcome);
            if (time < watermark()) {
                output.collect(new StreamRecord<>(
                        SloEvent.single(key(slo, outcome), outcome.endEpochMillis(), good, outcome.adjustedCount()),
                        time));
                continue;
            }
            Tally tally = last[i];
            if (tally == null || tally.minute != minute || !tally.keys(slo, outcome)) {
                tally = find(key(slo, outcome), minute);
                last[i] = tally;
            }
            if (good) {
                tally.goodWeight += outcome.adjustedCount();
            }
            tally.weight += outcome.adjustedCount();
            tally.timestamp = Math.max(tally.timestamp, time);
        }
    }

    private Tally find(SloKey key, long minute) {
        Tally first = byKey.get(key);
        for (Tally tally = first; tally != null; tally = tally.otherMinute) {
            if (tally.minute == minute) {
                return tally;
            }
        }
        Tally tally = new Tally(key, minute);
        if (first == null) {
            byKey.put(key, tally);
        } else {
            tally.otherMinute = first.otherMinute;
            first.otherMinute = tally;
        }
        tallies.add(tally);
        return tally;
    }

    static boolean good(SloSpec slo, TransactionOutcome outcome) {
        return outcome.success() && (!slo.latency() || outcome.durationMillis() < slo.latencyThresholdMillis());
    }

    static SloKey key(SloSpec slo, TransactionOutcome outcome) {
        return new SloKey(slo.name(), cloudOf(slo, outcome), regionOf(slo, outcome), tenantOf(slo, outcome));
    }

    /** The outcome's cloud when the SLO is grouped by cloud, else {@link SloSpec#ALL}; the same for region, tenant. */
    private static String cloudOf(SloSpec slo, TransactionOutcome outcome) {
        return slo.byCloud() ? outcome.cloudProvider() : SloSpec.ALL;
    }

    private static String regionOf(SloSpec slo, TransactionOutcome outcome) {
        return slo.byRegion() ? outcome.cloudRegion() : SloSpec.ALL;
    }

    private static String tenantOf(SloSpec slo, TransactionOutcome outcome) {
        return slo.byTenant() ? outcome.tenant() : SloSpec.ALL;
    }

    /** Sends on every sum: each is due by the next watermark, whatever its minute (see the class comment). */
    @Override
    protected void emitThrough(long watermark) {
        if (tallies.isEmpty()) {
            return;
        }
        for (Tally tally : tallies) {
            // the evaluator reads only the minute of the event time: its first millisecond keeps it exact
            output.collect(new StreamRecord<>(
                    new SloEvent(tally.key, tally.minute * SloEvaluator.MINUTE_MILLIS, tally.goodWeight, tally.weight),
                    tally.timestamp));
        }
        tallies.clear();
        byKey.clear();
        Arrays.fill(last, null);
    }

    /** Sums not yet sent: what a harness test sees drain. */
    int held() {
        return tallies.size();
    }
}
