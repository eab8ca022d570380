package dev.concord.engine.correlate;

import dev.concord.engine.Conventions;
import dev.concord.ingest.model.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Groups spans by business transaction id, across traces, and emits one outcome per transaction: when its completing
 * stage ends, when one of its stages (or the request carrying it) fails and no retry made good within the grace, or
 * when it outlives its maximum duration.
 *
 * <p>Decisions are taken when the watermark passes their time, so they depend only on the spans' times, not on
 * arrival order. After the outcome a tombstone remains for one more maximum duration, so stragglers of a decided
 * transaction are counted and dropped instead of opening a new one that would time out as a false failure; it is
 * cleared when the watermark passes it.
 *
 * <p>The operator keeps its own schedule instead of Flink's timer service. Per transaction the timer service kept a
 * deduplicating hash map and a heap per key group, and registered, fired and deleted two or three timers; here a
 * transaction in flight puts the times it must be looked at into one {@link Schedule}. An entry the transaction no
 * longer needs (its deadline, once it was decided early) is not deleted: a key no longer in flight is dropped when its
 * minute comes, and one in flight is checked against its keyed state when the entry comes due. The keyed state holds
 * only transactions in flight; tombstones live in a table of the operator's own, checkpointed as a union list that
 * each restored instance filters by its key groups, and expire in the order they were set, from a first-in, first-out
 * queue per maximum duration. The schedule is not checkpointed: every entry follows from the keyed state and the
 * tombstones, so a restored instance rebuilds it from the keys it was given, at any parallelism.
 *
 * <p>A transaction still open takes a span that arrived behind the watermark: one cloud's telemetry running late
 * must not cost its transactions their later stages. A transaction that outlives its maximum duration is judged at
 * the end of the deadline's minute, against the {@link TelemetryPresence} of the clouds it ran in: partial counts
 * per cloud and minute from every source instance, broadcast to every instance, which adds them up. When a cloud sent
 * nothing in time for a minute between its last span and its deadline, the missing stages may simply not have been
 * reported, and the outcome is {@link Outcome#TELEMETRY_GAP}, not a failure. A count arriving after the presence
 * input's watermark passed its minute is dropped, as a per-minute window drops a late element. The operator's
 * watermark is the lesser of both inputs', so when a verdict comes due every count up to it has arrived, and the
 * verdict is the same at any parallelism.
 */
public final class TransactionCorrelator extends AbstractStreamOperator<TransactionOutcome>
        implements TwoInputStreamOperator<Span, TelemetryPresence, TransactionOutcome> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Span> LATE =
            new OutputTag<>("late-transaction-spans", TypeInformation.of(Span.class));

    private static final String IN_FLIGHT = "in-flight-transaction";
    private static final String TOMBSTONES = "transaction-tombstones";

    private final Map<String, TransactionSpec> specs;
    private final long presenceRetentionMillis;

    private transient ValueStateDescriptor<InFlightTransaction> inFlightDescriptor;
    private transient ValueState<InFlightTransaction> inFlight;
    private transient BroadcastState<String, Long> presence;
    /** When transactions in flight must be looked at: a deciding span's end, a deadline, a verdict. */
    private transient Schedule due;
    /**
     * The keys in flight: an entry of any other key is stale and is dropped without a look at the keyed state or at the
     * key string, long out of the cache by the time a decided transaction's deadline comes.
     */
    private transient KeyTable open;
    /**
     * Decided transactions' keys, each with the time until which its stragglers are dropped. Not keyed state: there
     * each tombstone was an entry of the keyed state's hash table, and clearing it a maximum duration later read four
     * or five objects long out of the cache; here the lookups compare hashes in one array. Checkpointed as a union
     * list, from which each restored instance takes the keys of its key groups.
     */
    private transient KeyTable tombstones;
    /** When tombstones expire, by their transaction's maximum duration, each queue in the order they were set. */
    private transient Map<Long, ArrayDeque<Due>> expiries;
    /** Tombstones restored from a checkpoint, sorted by expiry. */
    private transient ArrayDeque<Due> restoredTombstones;

    private transient ListState<Tombstone> tombstoneState;

    private transient long watermark;
    /** The presence input's own watermark: the least over the source instances. */
    private transient long presenceWatermark;

    private transient Counter lateSpans;
    private transient Counter duplicateSpans;
    private transient Counter spansAfterOutcome;
    private transient Counter unknownTransactionSpans;
    private transient Counter telemetryGaps;
    private transient Counter latePresenceCounts;

    /** A key to look at once the watermark reaches a time, with the key's hash. */
    private record Due(long time, String key, int hash) {}

    /** A decided transaction's key as checkpointed, and until when its stragglers are dropped. */
    public record Tombstone(String key, long closedUntilEpochMillis) {}

    private static final Comparator<Due> BY_TIME = Comparator.comparingLong(Due::time);

    public TransactionCorrelator(List<TransactionSpec> specs) {
        this.specs = Map.copyOf(
                specs.stream().collect(java.util.stream.Collectors.toMap(TransactionSpec::name, spec -> spec)));
        long longest = 0;
        for (TransactionSpec spec : specs) {
            longest = Math.max(longest, spec.maxDurationMillis());
        }
        // the presence input may run ahead of the spans': keep well over the span of minutes one verdict reads
        this.presenceRetentionMillis = 3 * longest + 10 * TelemetryPresence.MINUTE_MILLIS;
    }

    /**
     * Correlates {@code spans} into outcomes, keyed by transaction, with the presence counts broadcast to every
     * instance.
     */
    public static SingleOutputStreamOperator<TransactionOutcome> apply(
            DataStream<Span> spans, DataStream<TelemetryPresence> presence, List<TransactionSpec> specs) {
        return spans.keyBy(TransactionCorrelator::key, Types.STRING)
                .connect(presence.broadcast())
                .transform(
                        Conventions.UID_TRANSACTION_CORRELATOR,
                        TypeInformation.of(TransactionOutcome.class),
                        new TransactionCorrelator(specs));
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
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        inFlightDescriptor = new ValueStateDescriptor<>(IN_FLIGHT, TypeInformation.of(InFlightTransaction.class));
        inFlight = context.getKeyedStateStore().getState(inFlightDescriptor);
        presence = context.getOperatorStateStore().getBroadcastState(TelemetryPresence.STATE);
        tombstoneState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(TOMBSTONES, TypeInformation.of(Tombstone.class)));
        open = new KeyTable();
        due = new Schedule(open::contains);
        tombstones = new KeyTable();
        expiries = new HashMap<>();
        restoredTombstones = new ArrayDeque<>();
        watermark = Long.MIN_VALUE;
        presenceWatermark = Long.MIN_VALUE;
        if (context.isRestored()) {
            reschedule();
        }
    }

    /**
     * Rebuilds the schedule from the keyed state this instance holds, and takes the tombstones of its key groups from
     * every instance's checkpointed list.
     *
     * <p>Two Flink runtime behaviours hold this up, and {@code KeyRoutingITCase} pins the first: the subtask that
     * {@link KeyGroupRangeAssignment#assignKeyToParallelOperator} names for a key (with the job's max parallelism) is
     * the one {@code keyBy} routes that key's spans to, so a tombstone lands where its stragglers arrive; and
     * {@code applyToAllKeys} visits every key with a value in this instance's restored keyed state, so no in-flight
     * transaction is left without its deadline ({@code TransactionCorrelatorTest} restores at another parallelism).
     */
    private void reschedule() throws Exception {
        getKeyedStateBackend()
                .applyToAllKeys(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        inFlightDescriptor,
                        (Object key, ValueState<InFlightTransaction> state) -> {
                            InFlightTransaction flight = state.value();
                            if (flight != null) {
                                scheduleAll((String) key, flight);
                            }
                        });
        TaskInfo task = getRuntimeContext().getTaskInfo();
        int keyGroups = task.getMaxNumberOfParallelSubtasks();
        int instances = task.getNumberOfParallelSubtasks();
        int me = task.getIndexOfThisSubtask();
        List<Due> restored = new ArrayList<>();
        for (Tombstone tombstone : tombstoneState.get()) {
            String key = tombstone.key();
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, keyGroups, instances) == me) {
                tombstones.put(key, tombstone.closedUntilEpochMillis());
                restored.add(new Due(tombstone.closedUntilEpochMillis(), key, key.hashCode()));
            }
        }
        restored.sort(BY_TIME);
        restoredTombstones.addAll(restored);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<Tombstone> kept = new ArrayList<>(tombstones.size());
        tombstones.forEach((key, until) -> kept.add(new Tombstone(key, until)));
        tombstoneState.update(kept);
    }

    private void scheduleAll(String key, InFlightTransaction flight) {
        TransactionSpec spec = specs.get(flight.transaction());
        open.add(key);
        due.add(flight.deadlineEpochMillis(), key);
        due.add(verdictAt(flight.deadlineEpochMillis()), key);
        for (StageRecord record : flight.stages()) {
            if (spec != null && OutcomeRules.decisive(spec, record)) {
                due.add(OutcomeRules.decidesAt(spec, record), key);
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        var metrics = getMetricGroup();
        lateSpans = metrics.counter(Conventions.METRIC_LATE_TRANSACTION_SPANS);
        duplicateSpans = metrics.counter(Conventions.METRIC_DUPLICATE_SPANS);
        spansAfterOutcome = metrics.counter(Conventions.METRIC_SPANS_AFTER_OUTCOME);
        unknownTransactionSpans = metrics.counter(Conventions.METRIC_UNKNOWN_TRANSACTION_SPANS);
        telemetryGaps = metrics.counter(Conventions.METRIC_TELEMETRY_GAP_TRANSACTIONS);
        latePresenceCounts = metrics.counter(Conventions.METRIC_LATE_PRESENCE_COUNTS);
    }

    @Override
    public void processElement2(StreamRecord<TelemetryPresence> element) throws Exception {
        TelemetryPresence counted = element.getValue();
        if (TelemetryPresence.lastMillisecondOf(counted.minuteStartEpochMillis()) <= presenceWatermark) {
            // as a per-minute window drops a late element: the minute's count was complete when the watermark passed
            latePresenceCounts.inc();
            return;
        }
        String key = TelemetryPresence.key(counted.cloudProvider(), counted.minuteStartEpochMillis());
        Long seen = presence.get(key);
        presence.put(key, (seen == null ? 0 : seen) + counted.spans());
        // every instance gets the same records, so each prunes its copy alike
        long oldest = counted.minuteStartEpochMillis() - presenceRetentionMillis;
        Iterator<Map.Entry<String, Long>> entries = presence.iterator();
        while (entries.hasNext()) {
            String entry = entries.next().getKey();
            if (Long.parseLong(entry.substring(entry.lastIndexOf('@') + 1)) < oldest) {
                entries.remove();
            }
        }
    }

    @Override
    public void processElement1(StreamRecord<Span> element) throws Exception {
        Span span = element.getValue();
        TransactionSpec spec = specs.get(span.businessTransaction());
        if (spec == null) {
            unknownTransactionSpans.inc();
            return;
        }
        String key = (String) getCurrentKey();
        int hash = key.hashCode();
        boolean late = element.getTimestamp() < watermark;
        InFlightTransaction flight = inFlight.value();
        // a key is in flight or has a tombstone, never both: only a key not in flight is looked up among the
        // tombstones, so the later spans of a transaction, most spans, skip that lookup
        if (flight == null) {
            long closedUntil = tombstones.get(hash, key);
            if (closedUntil != KeyTable.ABSENT && closedUntil <= watermark) {
                // its queue entry comes due with this watermark too, and finds nothing left to clear
                tombstones.remove(hash, key);
            } else if (closedUntil != KeyTable.ABSENT) {
                if (late) {
                    lateSpans.inc();
                    output.collect(LATE, new StreamRecord<>(span, element.getTimestamp()));
                } else {
                    spansAfterOutcome.inc();
                }
                return;
            }
        } else if (flight.hasSpan(span.spanId())) {
            duplicateSpans.inc();
            return;
        }
        StageRecord record = StageRecord.of(span);
        long deadline = record.startEpochMillis() + spec.maxDurationMillis();
        if (flight == null && late && deadline <= watermark) {
            // nothing of it arrived before it was due: it cannot be judged fairly any more
            lateSpans.inc();
            output.collect(LATE, new StreamRecord<>(span, element.getTimestamp()));
            return;
        }
        if (flight == null || deadline < flight.deadlineEpochMillis()) {
            // new, or an earlier first stage arrived out of order: the clock started earlier than thought; the
            // later deadline's entry is stale from now on
            due.add(deadline, key);
        } else {
            deadline = flight.deadlineEpochMillis();
        }
        if (flight == null) {
            flight = new InFlightTransaction(spec.name(), span.businessTransactionId(), List.of(), deadline);
            open.add(key);
        }
        inFlight.update(flight.with(record, deadline));
        if (OutcomeRules.decisive(spec, record)) {
            due.add(OutcomeRules.decidesAt(spec, record), key);
        }
    }

    @Override
    public void processWatermark2(Watermark mark) throws Exception {
        presenceWatermark = mark.getTimestamp();
        super.processWatermark2(mark);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        due.advanceTo(watermark);
        while (due.hasDue(watermark)) {
            long time = due.headTime();
            String key = due.headKey();
            int hash = due.headHash();
            due.removeHead();
            if (open.contains(hash, key)) {
                setCurrentKey(key);
                decide(key, hash, time);
            }
        }
        for (ArrayDeque<Due> queue : expiries.values()) {
            expire(queue);
        }
        expire(restoredTombstones);
        super.processWatermark(mark);
    }

    private void expire(ArrayDeque<Due> queue) throws Exception {
        while (!queue.isEmpty() && queue.peekFirst().time() <= watermark) {
            Due next = queue.pollFirst();
            long closedUntil = tombstones.get(next.hash(), next.key());
            // the key may have been decided again since, with a later tombstone
            if (closedUntil != KeyTable.ABSENT && closedUntil <= watermark) {
                tombstones.remove(next.hash(), next.key());
            }
        }
    }

    /** Whether the transaction in flight still needs to be looked at {@code time}: a stale entry is dropped. */
    private boolean scheduledAt(InFlightTransaction flight, TransactionSpec spec, long time) {
        long deadline = flight.deadlineEpochMillis();
        if (time == deadline || time == verdictAt(deadline)) {
            return true;
        }
        for (StageRecord record : flight.stages()) {
            if (OutcomeRules.decisive(spec, record) && OutcomeRules.decidesAt(spec, record) == time) {
                return true;
            }
        }
        return false;
    }

    private void decide(String key, int hash, long timestamp) throws Exception {
        InFlightTransaction flight = inFlight.value();
        if (flight == null) {
            return;
        }
        TransactionSpec spec = specs.get(flight.transaction());
        if (!scheduledAt(flight, spec, timestamp)) {
            return;
        }
        long deadline = flight.deadlineEpochMillis();
        Optional<TransactionOutcome> decided =
                OutcomeRules.decide(spec, flight.transactionId(), flight.stages(), Math.min(timestamp, deadline));
        if (decided.isEmpty() && timestamp >= deadline) {
            long verdict = verdictAt(deadline);
            if (timestamp < verdict) {
                // the presence of the deadline's own minute is known only once that minute has passed
                due.add(verdict, key);
                return;
            }
            if (telemetryGap(flight.stages(), deadline, presence)) {
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
        output.collect(new StreamRecord<>(decided.get(), timestamp));
        open.remove(hash, key);
        long expiry = timestamp + spec.maxDurationMillis();
        inFlight.clear();
        tombstones.put(key, expiry);
        // decisions come in the order of their times, so each maximum duration's tombstones queue nearly in order;
        // one decided on a span that arrived behind the watermark waits behind later ones, and is cleared late by at
        // most how late that span was (it stops counting on time all the same: see processElement1)
        expiries.computeIfAbsent(spec.maxDurationMillis(), duration -> new ArrayDeque<>())
                .addLast(new Due(expiry, key, hash));
    }

    /** Entries waiting in the schedule, stale ones included: what a harness test sees drain. */
    int scheduled() {
        int tombstoneEntries = restoredTombstones.size();
        for (ArrayDeque<Due> queue : expiries.values()) {
            tombstoneEntries += queue.size();
        }
        return due.size() + tombstoneEntries;
    }

    /** Tombstones kept: with the keyed state's entries, what a harness test sees cleared. */
    int tombstones() {
        return tombstones.size();
    }

    /** The last millisecond of the deadline's minute: the presence of every minute up to the deadline is known. */
    private static long verdictAt(long deadline) {
        return TelemetryPresence.lastMillisecondOf(TelemetryPresence.minuteOf(deadline));
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
