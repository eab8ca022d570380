package dev.concord.jobs.correlate;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.Conventions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Groups spans by business transaction id, across traces, and emits one outcome per transaction: when its completing
 * stage ends, when the request carrying it fails, or when it outlives its maximum duration.
 *
 * <p>Decisions are taken on event-time timers, so they depend only on the spans' times, not on arrival order. After
 * the outcome a tombstone remains for one more maximum duration, so stragglers of a decided transaction are counted
 * and dropped instead of opening a new one that would time out as a false failure. Once the watermark has passed that
 * duration the tombstone no longer counts, whether or not it is still stored; a sweep over the tombstones, run on the
 * broadcast input every half of the longest maximum duration, removes those that expired. Tombstones take no timer:
 * with one per transaction the timer queue held every transaction decided within the last maximum duration, and
 * keeping it ordered cost more than deciding. No state outlives a transaction by more than two and a half maximum
 * durations.
 *
 * <p>A transaction still open takes a span that arrived behind the watermark: one cloud's telemetry running late
 * must not cost its transactions their later stages. A transaction that outlives its maximum duration is judged at
 * the end of the deadline's minute, against the {@link TelemetryPresence} of the clouds it ran in, broadcast to every
 * instance: when a cloud sent nothing in time for a minute between its last span and its deadline, the missing
 * stages may simply not have been reported, and the outcome is {@link Outcome#TELEMETRY_GAP}, not a failure. The
 * operator's watermark is the lesser of both inputs', so when that timer fires every presence record up to it has
 * arrived, and the verdict is the same at any parallelism.
 */
public final class TransactionCorrelator
        extends KeyedBroadcastProcessFunction<String, Span, TelemetryPresence, TransactionOutcome> {

    public static final OutputTag<Span> LATE =
            new OutputTag<>("late-transaction-spans", TypeInformation.of(Span.class));

    /** Until when a decided transaction's stragglers are dropped: the event time of the outcome plus its duration. */
    private static final ValueStateDescriptor<Long> CLOSED_UNTIL =
            new ValueStateDescriptor<>("closed-until", Types.LONG);

    private final Map<String, TransactionSpec> specs;
    private final long presenceRetentionMillis;
    private final long sweepEveryMillis;

    private transient ValueState<InFlightTransaction> inFlight;
    private transient ValueState<Long> closedUntil;
    private transient Counter lateSpans;
    private transient Counter duplicateSpans;
    private transient Counter spansAfterOutcome;
    private transient Counter unknownTransactionSpans;
    private transient Counter telemetryGaps;
    /** The watermark from which the next sweep of expired tombstones is due: each instance sweeps its own keys. */
    private transient long nextSweepAt;

    public TransactionCorrelator(List<TransactionSpec> specs) {
        this.specs = Map.copyOf(
                specs.stream().collect(java.util.stream.Collectors.toMap(TransactionSpec::name, spec -> spec)));
        long longest = 0;
        for (TransactionSpec spec : specs) {
            longest = Math.max(longest, spec.maxDurationMillis());
        }
        // the presence input may run ahead of the spans': keep well over the span of minutes one verdict reads
        this.presenceRetentionMillis = 3 * longest + 10 * TelemetryPresence.MINUTE_MILLIS;
        this.sweepEveryMillis = Math.max(1, longest / 2);
    }

    /** The key spans are grouped by: the transaction's name and id, so ids need only be unique per transaction. */
    public static String key(Span span) {
        return span.businessTransaction() + '/' + span.businessTransactionId();
    }

    /** The key of a decided transaction: the same as its spans'. */
    public static String key(TransactionOutcome outcome) {
        return outcome.transaction() + '/' + outcome.transactionId();
    }

    /**
     * What the correlator reads of a span: all of it but its attributes. No outcome and no stage record reads them,
     * and each attribute would cross the network to the correlator only to be deserialized and dropped; the late
     * output, the one place the correlator hands a span on, carries the span without them.
     */
    public static Span projected(Span span) {
        if (span.attributes().isEmpty()) {
            return span;
        }
        return new Span(
                span.resource(),
                span.traceId(),
                span.spanId(),
                span.parentSpanId(),
                span.name(),
                span.kind(),
                span.startTimeUnixNano(),
                span.endTimeUnixNano(),
                span.status(),
                span.statusMessage(),
                span.businessTransaction(),
                span.businessTransactionId(),
                span.businessTransactionStage(),
                Map.of(),
                span.adjustedCount());
    }

    /** Spans this function can place: they name a transaction, an id and a stage. */
    public static boolean correlatable(Span span) {
        return span.inBusinessTransaction()
                && !span.businessTransactionId().isEmpty()
                && !span.businessTransactionStage().isEmpty();
    }

    @Override
    public void open(OpenContext openContext) {
        inFlight = getRuntimeContext()
                .getState(new ValueStateDescriptor<>(
                        "in-flight-transaction", TypeInformation.of(InFlightTransaction.class)));
        closedUntil = getRuntimeContext().getState(CLOSED_UNTIL);
        nextSweepAt = Long.MIN_VALUE;
        var metrics = getRuntimeContext().getMetricGroup();
        lateSpans = metrics.counter(Conventions.METRIC_LATE_TRANSACTION_SPANS);
        duplicateSpans = metrics.counter(Conventions.METRIC_DUPLICATE_SPANS);
        spansAfterOutcome = metrics.counter(Conventions.METRIC_SPANS_AFTER_OUTCOME);
        unknownTransactionSpans = metrics.counter(Conventions.METRIC_UNKNOWN_TRANSACTION_SPANS);
        telemetryGaps = metrics.counter(Conventions.METRIC_TELEMETRY_GAP_TRANSACTIONS);
    }

    @Override
    public void processBroadcastElement(TelemetryPresence presence, Context ctx, Collector<TransactionOutcome> out)
            throws Exception {
        BroadcastState<String, Long> minutes = ctx.getBroadcastState(TelemetryPresence.STATE);
        String key = TelemetryPresence.key(presence.cloudProvider(), presence.minuteStartEpochMillis());
        Long seen = minutes.get(key);
        minutes.put(key, (seen == null ? 0 : seen) + presence.spans());
        // every instance gets the same records, so each prunes its copy alike
        long oldest = presence.minuteStartEpochMillis() - presenceRetentionMillis;
        Iterator<Map.Entry<String, Long>> entries = minutes.iterator();
        while (entries.hasNext()) {
            String entry = entries.next().getKey();
            if (Long.parseLong(entry.substring(entry.lastIndexOf('@') + 1)) < oldest) {
                entries.remove();
            }
        }
        long watermark = ctx.currentWatermark();
        if (watermark >= nextSweepAt) {
            ctx.applyToKeyedState(CLOSED_UNTIL, (transaction, until) -> {
                Long value = until.value();
                if (value != null && value <= watermark) {
                    until.clear();
                }
            });
            nextSweepAt = watermark > Long.MAX_VALUE - sweepEveryMillis ? Long.MAX_VALUE : watermark + sweepEveryMillis;
        }
    }

    @Override
    public void processElement(Span span, ReadOnlyContext ctx, Collector<TransactionOutcome> out) throws Exception {
        TransactionSpec spec = specs.get(span.businessTransaction());
        if (spec == null) {
            unknownTransactionSpans.inc();
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        boolean late = ctx.timestamp() < watermark;
        InFlightTransaction flight = inFlight.value();
        // a transaction is either in flight or decided: only a key with nothing in flight can hold a tombstone
        Long until = flight == null ? closedUntil.value() : null;
        if (until != null && until <= watermark) {
            // the tombstone expired when the watermark passed it, as its timer would have cleared it
            closedUntil.clear();
        } else if (until != null) {
            if (late) {
                lateSpans.inc();
                ctx.output(LATE, span);
            } else {
                spansAfterOutcome.inc();
            }
            return;
        }
        if (flight != null && flight.hasSpan(span.spanId())) {
            duplicateSpans.inc();
            return;
        }
        StageRecord record = StageRecord.of(span);
        long deadline = record.startEpochMillis() + spec.maxDurationMillis();
        if (flight == null && late && deadline <= watermark) {
            // nothing of it arrived before it was due: it cannot be judged fairly any more
            lateSpans.inc();
            ctx.output(LATE, span);
            return;
        }
        if (flight == null) {
            flight = new InFlightTransaction(spec.name(), span.businessTransactionId(), List.of(), deadline);
            ctx.timerService().registerEventTimeTimer(deadline);
        } else if (deadline < flight.deadlineEpochMillis()) {
            // an earlier first stage arrived out of order: the clock started earlier than thought
            ctx.timerService().deleteEventTimeTimer(flight.deadlineEpochMillis());
            ctx.timerService().deleteEventTimeTimer(verdictAt(flight.deadlineEpochMillis()));
            ctx.timerService().registerEventTimeTimer(deadline);
        } else {
            deadline = flight.deadlineEpochMillis();
        }
        inFlight.update(flight.with(record, deadline));
        if (OutcomeRules.decisive(spec, record)) {
            ctx.timerService().registerEventTimeTimer(record.endEpochMillis());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TransactionOutcome> out) throws Exception {
        InFlightTransaction flight = inFlight.value();
        if (flight == null) {
            // a tombstone's timer, from a snapshot of a version that still set one
            Long until = closedUntil.value();
            if (until != null && timestamp >= until) {
                closedUntil.clear();
            }
            return;
        }
        TransactionSpec spec = specs.get(flight.transaction());
        long deadline = flight.deadlineEpochMillis();
        Optional<TransactionOutcome> decided =
                OutcomeRules.decide(spec, flight.transactionId(), flight.stages(), Math.min(timestamp, deadline));
        if (decided.isEmpty() && timestamp >= deadline) {
            long verdict = verdictAt(deadline);
            if (timestamp < verdict) {
                // the presence of the deadline's own minute is known only once that minute has passed
                ctx.timerService().registerEventTimeTimer(verdict);
                return;
            }
            if (telemetryGap(flight.stages(), deadline, ctx.getBroadcastState(TelemetryPresence.STATE))) {
                telemetryGaps.inc();
                decided =
                        Optional.of(OutcomeRules.telemetryGap(spec, flight.transactionId(), flight.stages(), deadline));
            } else {
                decided = Optional.of(OutcomeRules.timedOut(spec, flight.transactionId(), flight.stages(), deadline));
            }
        }
        if (decided.isEmpty()) {
            return;
        }
        out.collect(decided.get());
        inFlight.clear();
        // a timer at or before this one has fired; a verdict's is set only once the deadline has passed
        if (deadline > timestamp) {
            ctx.timerService().deleteEventTimeTimer(deadline);
        } else {
            ctx.timerService().deleteEventTimeTimer(verdictAt(deadline));
        }
        for (StageRecord record : flight.stages()) {
            if (record.endEpochMillis() > timestamp && OutcomeRules.decisive(spec, record)) {
                ctx.timerService().deleteEventTimeTimer(record.endEpochMillis());
            }
        }
        closedUntil.update(timestamp + spec.maxDurationMillis());
    }

    /** The last millisecond of the deadline's minute: the presence of every minute up to the deadline is known. */
    private static long verdictAt(long deadline) {
        return TelemetryPresence.minuteOf(deadline) + TelemetryPresence.MINUTE_MILLIS - 1;
    }

    /**
     * Whether a cloud the transaction ran in sent nothing in time for some minute from the transaction's last span
     * to its deadline.
     */
    private static boolean telemetryGap(
            List<StageRecord> stages, long deadline, ReadOnlyBroadcastState<String, Long> presence) throws Exception {
        List<StageRecord> ended = OutcomeRules.endedBy(stages, deadline);
        List<StageRecord> known = ended.isEmpty() ? stages : ended;
        long lastSignOfLife = Long.MIN_VALUE;
        TreeSet<String> clouds = new TreeSet<>();
        for (StageRecord record : known) {
            lastSignOfLife = Math.max(lastSignOfLife, Math.min(record.endEpochMillis(), deadline));
            clouds.add(record.cloudProvider());
        }
        long last = TelemetryPresence.minuteOf(deadline);
        for (String cloud : clouds) {
            for (long minute = TelemetryPresence.minuteOf(lastSignOfLife);
                    minute <= last;
                    minute += TelemetryPresence.MINUTE_MILLIS) {
                if (!presence.contains(TelemetryPresence.key(cloud, minute))) {
                    return true;
                }
            }
        }
        return false;
    }
}
