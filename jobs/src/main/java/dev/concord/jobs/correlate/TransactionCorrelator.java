package dev.concord.jobs.correlate;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.Conventions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Groups spans by business transaction id, across traces, and emits one outcome per transaction: when its completing
 * stage ends, when the request carrying it fails, or when it outlives its maximum duration.
 *
 * <p>Decisions are taken on event-time timers, so they depend only on the spans' times, not on arrival order. After
 * the outcome a tombstone remains for one more maximum duration, so stragglers of a decided transaction are counted
 * and dropped instead of opening a new one that would time out as a false failure. A timer then clears it: no state
 * outlives a transaction by more than twice its maximum duration.
 */
public final class TransactionCorrelator extends KeyedProcessFunction<String, Span, TransactionOutcome> {

    public static final OutputTag<Span> LATE =
            new OutputTag<>("late-transaction-spans", TypeInformation.of(Span.class));

    private final Map<String, TransactionSpec> specs;

    private transient ValueState<InFlightTransaction> inFlight;
    private transient ValueState<Long> closedUntil;
    private transient Counter lateSpans;
    private transient Counter duplicateSpans;
    private transient Counter spansAfterOutcome;
    private transient Counter unknownTransactionSpans;

    public TransactionCorrelator(List<TransactionSpec> specs) {
        this.specs = Map.copyOf(
                specs.stream().collect(java.util.stream.Collectors.toMap(TransactionSpec::name, spec -> spec)));
    }

    /** The key spans are grouped by: the transaction's name and id, so ids need only be unique per transaction. */
    public static String key(Span span) {
        return span.businessTransaction() + '/' + span.businessTransactionId();
    }

    /** The key of a decided transaction: the same as its spans'. */
    public static String key(TransactionOutcome outcome) {
        return outcome.transaction() + '/' + outcome.transactionId();
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
        closedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-until", Types.LONG));
        var metrics = getRuntimeContext().getMetricGroup();
        lateSpans = metrics.counter(Conventions.METRIC_LATE_TRANSACTION_SPANS);
        duplicateSpans = metrics.counter(Conventions.METRIC_DUPLICATE_SPANS);
        spansAfterOutcome = metrics.counter(Conventions.METRIC_SPANS_AFTER_OUTCOME);
        unknownTransactionSpans = metrics.counter(Conventions.METRIC_UNKNOWN_TRANSACTION_SPANS);
    }

    @Override
    public void processElement(Span span, Context ctx, Collector<TransactionOutcome> out) throws Exception {
        TransactionSpec spec = specs.get(span.businessTransaction());
        if (spec == null) {
            unknownTransactionSpans.inc();
            return;
        }
        if (ctx.timestamp() < ctx.timerService().currentWatermark()) {
            lateSpans.inc();
            ctx.output(LATE, span);
            return;
        }
        if (closedUntil.value() != null) {
            spansAfterOutcome.inc();
            return;
        }
        InFlightTransaction flight = inFlight.value();
        if (flight != null && flight.hasSpan(span.spanId())) {
            duplicateSpans.inc();
            return;
        }
        StageRecord record = StageRecord.of(span);
        long deadline = record.startEpochMillis() + spec.maxDurationMillis();
        if (flight == null) {
            flight = new InFlightTransaction(spec.name(), span.businessTransactionId(), List.of(), deadline);
            ctx.timerService().registerEventTimeTimer(deadline);
        } else if (deadline < flight.deadlineEpochMillis()) {
            // an earlier first stage arrived out of order: the clock started earlier than thought
            ctx.timerService().deleteEventTimeTimer(flight.deadlineEpochMillis());
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
            Long until = closedUntil.value();
            if (until != null && timestamp >= until) {
                closedUntil.clear();
            }
            return;
        }
        TransactionSpec spec = specs.get(flight.transaction());
        Optional<TransactionOutcome> decided =
                OutcomeRules.decide(spec, flight.transactionId(), flight.stages(), timestamp);
        if (decided.isEmpty() && timestamp >= flight.deadlineEpochMillis()) {
            decided = Optional.of(
                    OutcomeRules.timedOut(spec, flight.transactionId(), flight.stages(), flight.deadlineEpochMillis()));
        }
        if (decided.isEmpty()) {
            return;
        }
        out.collect(decided.get());
        inFlight.clear();
        ctx.timerService().deleteEventTimeTimer(flight.deadlineEpochMillis());
        for (StageRecord record : flight.stages()) {
            if (record.endEpochMillis() > timestamp && OutcomeRules.decisive(spec, record)) {
                ctx.timerService().deleteEventTimeTimer(record.endEpochMillis());
            }
        }
        long until = timestamp + spec.maxDurationMillis();
        closedUntil.update(until);
        ctx.timerService().registerEventTimeTimer(until);
    }
}
