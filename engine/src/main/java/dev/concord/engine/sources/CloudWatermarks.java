package dev.concord.engine.sources;

import dev.concord.ingest.model.Span;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for spans from several clouds, each behind its own collector: the watermark follows the cloud that is
 * furthest behind, so a cloud whose telemetry runs late (a slow collector, clocks behind) is not dropped as late
 * because the other cloud is ahead.
 *
 * <p>Per {@code cloud.provider} it tracks the latest span end seen, and emits the minimum over the active clouds minus
 * the bounded out-of-orderness. A cloud is idle, and no longer holds the watermark back, once the other clouds' event
 * time has moved on by the idleness timeout since its last span: idleness is measured in event time, not on the wall
 * clock, so a replay gives the same watermarks however fast it runs. The watermark moves in whole seconds, emitted as
 * spans arrive, so it depends only on the spans and their order, not on when Flink asks for a periodic watermark.
 */
public final class CloudWatermarks implements WatermarkGenerator<Span> {

    /** How far spans of one cloud may arrive out of order before they count as late. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    /** How far the other clouds may move on without a span from a cloud before it stops holding the watermark. */
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);

    /** How long a whole source split may stay silent, on the wall clock, before it stops holding the watermark. */
    public static final Duration DEFAULT_SOURCE_IDLENESS = Duration.ofMinutes(1);

    private static final long STEP_MILLIS = 1_000L;

    private final long outOfOrdernessMillis;
    private final long idlenessMillis;
    // per cloud: {latest span end, the latest end over all clouds when its last span came}
    private final Map<String, long[]> clouds = new HashMap<>();
    private String lastName;
    private long[] lastCloud;
    private long latest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    public CloudWatermarks(Duration outOfOrderness, Duration idleness) {
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("outOfOrderness must not be negative: " + outOfOrderness);
        }
        if (idleness.isNegative() || idleness.isZero()) {
            throw new IllegalArgumentException("idleness must be positive: " + idleness);
        }
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.idlenessMillis = idleness.toMillis();
    }

    /**
     * Span ends as event times, these watermarks, and Flink's own idleness for a whole split that goes silent in a
     * live run.
     */
    public static WatermarkStrategy<Span> strategy(
            Duration outOfOrderness, Duration idleness, Duration sourceIdleness) {
        return WatermarkStrategy.<Span>forGenerator(context -> new CloudWatermarks(outOfOrderness, idleness))
                .withTimestampAssigner((span, previous) -> span.endEpochMillis())
                .withIdleness(sourceIdleness);
    }

    /** {@link #strategy(Duration, Duration, Duration)} with the defaults. */
    public static WatermarkStrategy<Span> strategy() {
        return strategy(DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLENESS, DEFAULT_SOURCE_IDLENESS);
    }

    @Override
    public void onEvent(Span span, long eventTimestamp, WatermarkOutput output) {
        latest = Math.max(latest, eventTimestamp);
        String name = span.resource().cloudProvider();
        long[] cloud = lastCloud;
        // spans of one cloud share its name's instance and mostly come in runs: the same one needs no map lookup
        if (name != lastName || cloud == null) {
            cloud = clouds.computeIfAbsent(name, c -> new long[] {Long.MIN_VALUE, 0});
            lastName = name;
            lastCloud = cloud;
        }
        cloud[0] = Math.max(cloud[0], eventTimestamp);
        cloud[1] = latest;
        long next = current();
        if (next > emitted) {
            emitted = next;
            output.emitWatermark(new Watermark(next));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (emitted != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(emitted));
        }
    }

    /** The slowest active cloud's latest end, less the out-of-orderness, floored to the step. */
    private long current() {
        long slowest = Long.MAX_VALUE;
        for (long[] cloud : clouds.values()) {
            if (latest - cloud[1] <= idlenessMillis) {
                slowest = Math.min(slowest, cloud[0]);
            }
        }
        long bound = slowest - outOfOrdernessMillis;
        return Math.floorDiv(bound, STEP_MILLIS) * STEP_MILLIS - 1;
    }
}
