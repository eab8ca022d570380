package dev.concord.engine.ratio;

import dev.concord.engine.Conventions;
import dev.concord.ingest.model.Span;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts attempts and successes per minute of event time and emits each minute once the watermark has passed it.
 * State holds only minutes not yet emitted: the timer that emits a minute also removes it. An attempt for a minute
 * already emitted goes to {@link #LATE} and is counted, never folded into a published figure.
 */
public final class MinuteSuccessRatioFunction extends KeyedProcessFunction<TransactionCloud, Span, MinuteSuccessRatio> {

    public static final OutputTag<Span> LATE = new OutputTag<>("late-spans", TypeInformation.of(Span.class));

    static final long MINUTE_MILLIS = 60_000L;

    private transient MapState<Long, MinuteCounts> minutes;
    private transient Counter lateSpans;

    @Override
    public void open(OpenContext openContext) {
        minutes = getRuntimeContext()
                .getMapState(
                        new MapStateDescriptor<>("minute-counts", Types.LONG, TypeInformation.of(MinuteCounts.class)));
        lateSpans = getRuntimeContext().getMetricGroup().counter(Conventions.METRIC_LATE_SPANS);
    }

    @Override
    public void processElement(Span span, Context ctx, Collector<MinuteSuccessRatio> out) throws Exception {
        long minuteStart = minuteStart(ctx.timestamp());
        long lastMillisOfMinute = minuteStart + MINUTE_MILLIS - 1;
        if (lastMillisOfMinute <= ctx.timerService().currentWatermark()) {
            lateSpans.inc();
            ctx.output(LATE, span);
            return;
        }
        MinuteCounts counts = minutes.get(minuteStart);
        minutes.put(minuteStart, (counts == null ? MinuteCounts.NONE : counts).add(!span.failed()));
        ctx.timerService().registerEventTimeTimer(lastMillisOfMinute);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MinuteSuccessRatio> out) throws Exception {
        long minuteStart = minuteStart(timestamp);
        MinuteCounts counts = minutes.get(minuteStart);
        if (counts != null) {
            out.collect(MinuteSuccessRatio.of(ctx.getCurrentKey(), minuteStart, counts));
            minutes.remove(minuteStart);
        }
    }

    static long minuteStart(long epochMillis) {
        return epochMillis - Math.floorMod(epochMillis, MINUTE_MILLIS);
    }
}
