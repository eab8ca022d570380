package dev.concord.engine.slo;

import dev.concord.engine.Conventions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Evaluates one SLO key at the end of every minute of event time: a snapshot of every window and the budget, and
 * multiwindow burn-rate alerts that fire when both windows of a pair reach the pair's factor and resolve when the
 * short window drops below it. A page also needs {@code minEvents} in its long window, so a handful of failures in a
 * quiet hour never wakes anyone.
 *
 * <p>A key is evaluated each minute until its longest alert window has emptied after its last event (every alert
 * has resolved by then); its counts are kept, silently, until the SLO period has passed, then cleared.
 */
public final class SloEvaluator extends KeyedProcessFunction<SloKey, SloEvent, SloSnapshot> {

    public static final OutputTag<SloAlert> ALERTS = new OutputTag<>("slo-alerts", TypeInformation.of(SloAlert.class));
    public static final OutputTag<SloEvent> LATE =
            new OutputTag<>("late-slo-events", TypeInformation.of(SloEvent.class));

    static final long MINUTE_MILLIS = 60_000L;

    private final Map<String, SloSpec> specs;
    private final long stopAtMillis;

    private transient ValueState<SloCounts> counts;
    private transient Counter lateEvents;

    /**
     * @param stopAtMillis no minute ending after this is evaluated: the end of a replay, or {@link Long#MAX_VALUE}
     */
    public SloEvaluator(List<SloSpec> specs, long stopAtMillis) {
        this.specs = specs.stream().collect(Collectors.toUnmodifiableMap(SloSpec::name, Function.identity()));
        this.stopAtMillis = stopAtMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        counts = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("slo-counts", TypeInformation.of(SloCounts.class)));
        lateEvents = getRuntimeContext().getMetricGroup().counter(Conventions.METRIC_LATE_SLO_EVENTS);
    }

    @Override
    public void processElement(SloEvent event, Context ctx, Collector<SloSnapshot> out) throws Exception {
        SloSpec spec = specs.get(event.key().slo());
        if (spec == null) {
            // events come only from SloTallies with the same specs; this guards a miswired graph, not telemetry
            return;
        }
        if (ctx.timestamp() < ctx.timerService().currentWatermark()) {
            lateEvents.inc();
            ctx.output(LATE, event);
            return;
        }
        SloCounts current = counts.value();
        if (current == null) {
            current = SloCounts.forSpec(spec);
        }
        long minute = Math.floorDiv(event.eventTimeMillis(), MINUTE_MILLIS);
        current.add(minute, event.goodWeight(), event.weight());
        counts.update(current);
        long minuteEnd = (minute + 1) * MINUTE_MILLIS;
        if (minuteEnd <= stopAtMillis) {
            ctx.timerService().registerEventTimeTimer(minuteEnd - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SloSnapshot> out) throws Exception {
        SloCounts current = counts.value();
        if (current == null) {
            return;
        }
        SloSpec spec = specs.get(ctx.getCurrentKey().slo());
        long endMinute = (timestamp + 1) / MINUTE_MILLIS;
        long activeUntil = current.lastEventMinute + spec.longestWindowMinutes();
        if (endMinute > activeUntil) {
            if (endMinute > current.lastEventMinute + spec.periodMinutes()) {
                counts.clear();
            }
            return;
        }
        evaluate(spec, ctx.getCurrentKey(), current, endMinute, ctx, out);
        counts.update(current);
        long next = timestamp + MINUTE_MILLIS;
        if (next + 1 > stopAtMillis) {
            return;
        }
        if (endMinute < activeUntil) {
            ctx.timerService().registerEventTimeTimer(next);
        } else {
            ctx.timerService()
                    .registerEventTimeTimer((current.lastEventMinute + spec.periodMinutes() + 1) * MINUTE_MILLIS);
        }
    }

    private void evaluate(
            SloSpec spec,
            SloKey key,
            SloCounts current,
            long endMinute,
            OnTimerContext ctx,
            Collector<SloSnapshot> out) {
        long eventTime = endMinute * MINUTE_MILLIS;
        if (spec.timeslices() && endMinute % spec.sliceMinutes() == 0) {
            current.closeTimeslice(endMinute, spec.sliceMinutes(), spec.sliceTarget());
        }
        Totals period = spec.timeslices()
                ? current.timeslicesSince(spec.periodStartMinute(endMinute), endMinute)
                : current.since(spec.periodStartMinute(endMinute), endMinute);
        double budgetRemaining = 1 - period.errorRatio() / spec.errorBudget();
        List<String> firing = new ArrayList<>();
        for (int i = 0; i < spec.windows().size(); i++) {
            BurnWindow pair = spec.windows().get(i);
            Totals longEvents = current.window(endMinute, pair.longWindowMinutes());
            Totals longWindow = budgeted(spec, current, endMinute, pair.longWindowMinutes());
            Totals shortWindow = budgeted(spec, current, endMinute, pair.shortWindowMinutes());
            double longBurn = longWindow.errorRatio() / spec.errorBudget();
            double shortBurn = shortWindow.errorRatio() / spec.errorBudget();
            boolean wasFiring = current.firing(i);
            boolean enoughEvents = !pair.pages() || longEvents.total() >= spec.minEvents();
            boolean fires = longBurn >= pair.factor() && shortBurn >= pair.factor() && enoughEvents;
            if (!wasFiring && fires) {
                current.setFiring(i, true);
                ctx.output(ALERTS, alert(spec, key, pair, true, eventTime, longBurn, shortBurn, budgetRemaining));
            } else if (wasFiring && shortBurn < pair.factor()) {
                current.setFiring(i, false);
                ctx.output(ALERTS, alert(spec, key, pair, false, eventTime, longBurn, shortBurn, budgetRemaining));
            }
            if (current.firing(i)) {
                firing.add(pair.severity() + ":" + pair.longWindowMinutes() + "m/" + pair.shortWindowMinutes() + "m");
            }
        }
        List<WindowBurn> windows = new ArrayList<>();
        for (int minutes : distinctWindows(spec)) {
            Totals totals = budgeted(spec, current, endMinute, minutes);
            windows.add(new WindowBurn(
                    minutes, totals.total(), totals.good(), totals.sli(), totals.errorRatio() / spec.errorBudget()));
        }
        boolean noData = current.window(endMinute, spec.longestWindowMinutes()).total() == 0;
        out.collect(new SloSnapshot(
                spec.name(),
                spec.transaction(),
                key.cloudProvider(),
                key.cloudRegion(),
                key.tenant(),
                eventTime,
                spec.objective(),
                noData,
                period.total(),
                period.sli(),
                budgetRemaining,
                windows,
                firing));
    }

    /** What the budget counts over a window: events, or for timeslice budgeting, slices. */
    private static Totals budgeted(SloSpec spec, SloCounts counts, long endMinute, int windowMinutes) {
        return spec.timeslices()
                ? counts.timesliceWindow(endMinute, windowMinutes, spec.sliceMinutes(), spec.sliceTarget())
                : counts.window(endMinute, windowMinutes);
    }

    private static TreeSet<Integer> distinctWindows(SloSpec spec) {
        TreeSet<Integer> minutes = new TreeSet<>();
        for (BurnWindow pair : spec.windows()) {
            minutes.add(pair.shortWindowMinutes());
            minutes.add(pair.longWindowMinutes());
        }
        return minutes;
    }

    private static SloAlert alert(
            SloSpec spec,
            SloKey key,
            BurnWindow pair,
            boolean firing,
            long eventTime,
            double longBurn,
            double shortBurn,
            double budgetRemaining) {
        return new SloAlert(
                spec.name(),
                spec.transaction(),
                key.cloudProvider(),
                key.cloudRegion(),
                key.tenant(),
                pair.severity(),
                pair.longWindowMinutes(),
                pair.shortWindowMinutes(),
                pair.factor(),
                firing,
                eventTime,
                longBurn,
                shortBurn,
                budgetRemaining,
                spec.labels(),
                spec.annotations());
    }
}
