package dev.concord.engine.decide.guards.promql;

import dev.concord.engine.Conventions;
import dev.concord.engine.decide.DecisionSettings;
import dev.concord.ingest.model.MetricKind;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.rules.model.FailoverPolicy;
import dev.concord.rules.model.GuardSignal;
import dev.concord.rules.model.RuleSet;
import dev.concord.rules.model.Signals;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Guards whose source is PromQL, polled into the decision job as metric samples. Each guard is its own source at
 * parallelism 1 (one poll per interval, whatever the job's parallelism), rate-limited to its interval; its readings
 * become {@link MetricSample}s named {@link #sampleName}, with the cloud, region and tenant from the series' labels,
 * so the engine judges them exactly like a guard read from OTLP.
 */
public final class PromQlGuards {

    /** The interval of a PromQL guard that does not give one. */
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(30);

    /** Label names read as a reading's cloud, region, tenant and service, in order of preference. */
    static final List<String> CLOUD_LABELS = List.of("cloud_provider", "cloud");

    static final List<String> REGION_LABELS = List.of("cloud_region", "region");
    static final List<String> TENANT_LABELS = List.of("tenant_id", "tenant");
    static final List<String> SERVICE_LABELS = List.of("service_name", "service", "job");

    private static final String SAMPLE_PREFIX = "promql:";

    private PromQlGuards() {}

    /** The metric name a guard's readings carry. */
    public static String sampleName(String guard) {
        return SAMPLE_PREFIX + guard;
    }

    /** The PromQL guards the rule set's failover policies use (as a condition or a replication-lag veto). */
    public static List<PromQlGuard> from(RuleSet rules) {
        TreeSet<String> used = new TreeSet<>();
        for (FailoverPolicy policy : rules.policies()) {
            Signals.Guards guards = policy.signals().guards();
            if (guards != null) {
                guards.conditions().forEach(c -> used.add(c.guard()));
            }
            if (policy.vetoes() != null && policy.vetoes().replicationLag() != null) {
                used.add(policy.vetoes().replicationLag().guard());
            }
        }
        List<PromQlGuard> polled = new ArrayList<>();
        for (String name : used) {
            rules.guard(name)
                    .map(GuardSignal::source)
                    .filter(GuardSignal.PromQl.class::isInstance)
                    .ifPresent(source -> polled.add(PromQlGuard.of(name, (GuardSignal.PromQl) source)));
        }
        return List.copyOf(polled);
    }

    /**
     * The guards' readings with event time (the poll's time by {@code clock}); null when there is no guard. Each
     * guard polls {@code maxPolls} times, then its source ends ({@link Long#MAX_VALUE}: as long as the job runs).
     */
    public static DataStream<MetricSample> poll(
            StreamExecutionEnvironment env, List<PromQlGuard> guards, Clock clock, long maxPolls) {
        DataStream<MetricSample> all = null;
        for (PromQlGuard guard : guards) {
            String uid = Conventions.UID_PROMQL_GUARD_SOURCE + "-" + guard.name();
            DataGeneratorSource<GuardPoll> source = new DataGeneratorSource<>(
                    new PromQlPoller(guard, clock),
                    maxPolls,
                    RateLimiterStrategy.perSecond(1000.0 / guard.everyMillis()),
                    TypeInformation.of(GuardPoll.class));
            // polls are made in time order: the watermark follows the polls, readings or not
            WatermarkStrategy<GuardPoll> watermarks = WatermarkStrategy.<GuardPoll>forMonotonousTimestamps()
                    .withTimestampAssigner((poll, previous) -> poll.timeMillis())
                    .withIdleness(DecisionSettings.IDLENESS);
            String readingsUid = Conventions.UID_PROMQL_GUARD_READINGS + "-" + guard.name();
            DataStream<MetricSample> samples = env.fromSource(
                            source, watermarks, uid, TypeInformation.of(GuardPoll.class))
                    .setParallelism(1)
                    .uid(uid)
                    .flatMap(PromQlGuards::samples, TypeInformation.of(MetricSample.class))
                    .setParallelism(1)
                    .uid(readingsUid)
                    .name(readingsUid);
            all = all == null ? samples : all.union(samples);
        }
        return all;
    }

    static void samples(GuardPoll poll, Collector<MetricSample> out) {
        for (GuardReading reading : poll.readings()) {
            out.collect(sample(reading));
        }
    }

    static MetricSample sample(GuardReading reading) {
        Map<String, String> labels = reading.labels();
        ResourceIdentity resource = new ResourceIdentity(
                first(labels, SERVICE_LABELS),
                null,
                first(labels, CLOUD_LABELS),
                first(labels, REGION_LABELS),
                null,
                first(labels, TENANT_LABELS));
        return new MetricSample(
                resource,
                sampleName(reading.guard()),
                "",
                MetricKind.GAUGE,
                reading.timeMillis() * 1_000_000L,
                reading.value(),
                labels);
    }

    private static String first(Map<String, String> labels, List<String> names) {
        for (String name : names) {
            String value = labels.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
