package dev.concord.simulator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.LongGauge;
import java.util.List;

/**
 * The signals that veto or confirm a failover, reported every 10 seconds as OTLP gauges: the ERP replica's replication
 * lag (in the secondary), each cloud's queue lag, and health checks named as the failover policies name them.
 */
final class GuardMetrics {

    /** Reports per minute: health checks run every 10 seconds, enough samples for a one-minute view. */
    static final int REPORTS_PER_MINUTE = 6;

    static final String REPLICATION_LAG = "db.replication.lag";
    static final String QUEUE_LAG = "messaging.queue.lag";
    static final String HEALTH = "health.check.status";

    static final AttributeKey<String> DB_CLUSTER = AttributeKey.stringKey("db.cluster");
    static final AttributeKey<String> CHECK = AttributeKey.stringKey("health.check.name");

    /** Health check name and the service whose being down fails it. */
    private record Check(String name, String service) {}

    private static final List<Check> CHECKS = List.of(
            new Check("edge-health", Services.EDGE),
            new Check("warehouse-api-health", Services.WAREHOUSE_API),
            new Check("erp-db-health", Services.ERP_DB),
            new Check("event-bus-health", Services.MESSAGE_BROKER),
            new Check("reporting-health", "reporting"));

    private final World world;

    GuardMetrics(World world) {
        this.world = world;
    }

    /** Sets every gauge to its value at {@code nanos}; the next collection reports it. */
    void record(long nanos) {
        Topology topology = world.plan.topology();
        for (CloudSite site : topology.sites()) {
            LongGauge health = world.meter(site, Services.HEALTH_CHECKER)
                    .gaugeBuilder(HEALTH)
                    .setDescription("1 while the health check passes, 0 while it fails")
                    .ofLongs()
                    .build();
            for (Check check : CHECKS) {
                double usual = world.conditions.down(site, check.service(), nanos) ? 0 : 1;
                long value = Math.round(world.conditions.metric(site, HEALTH, nanos, usual));
                health.set(value, Attributes.of(CHECK, check.name()));
            }
            DoubleGauge queueLag = world.meter(site, Services.MESSAGE_BROKER)
                    .gaugeBuilder(QUEUE_LAG)
                    .setUnit("s")
                    .setDescription("Age of the oldest unconsumed message")
                    .build();
            for (String queue : List.of(OrderFlow.QUEUE, PostingFlow.QUEUE)) {
                double lag = 0.1
                        + world.random.nextDouble() * 0.3
                        + world.conditions.lagNanos(site, Services.MESSAGE_BROKER, nanos) / 1e9;
                queueLag.set(
                        world.conditions.metric(site, QUEUE_LAG, nanos, lag),
                        Attributes.of(Journey.MESSAGING_DESTINATION, queue));
            }
        }
        // only the replica lags; writes happen in the primary
        CloudSite replica = topology.secondary();
        double lag = 0.5 + world.random.nextDouble() * 1.5;
        world.meter(replica, Services.ERP_DB)
                .gaugeBuilder(REPLICATION_LAG)
                .setUnit("s")
                .setDescription("Seconds the ERP replica trails the primary")
                .build()
                .set(world.conditions.metric(replica, REPLICATION_LAG, nanos, lag), Attributes.of(DB_CLUSTER, "erp"));
    }
}
