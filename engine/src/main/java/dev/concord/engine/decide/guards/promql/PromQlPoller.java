package dev.concord.engine.decide.guards.promql;

import dev.concord.engine.Conventions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of a guard per call: the source's rate limiter calls it once per interval. A poll retries retryable
 * failures with exponential backoff inside a budget of half the interval, so polls never pile up; a poll that still
 * fails, or an answer that cannot be used, gives an empty poll and is counted. It never throws: a guard Prometheus
 * cannot answer reads as no data, it does not stop the job.
 */
final class PromQlPoller implements GeneratorFunction<Long, GuardPoll> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PromQlPoller.class);

    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final PromQlGuard guard;
    private final Clock clock;
    private transient PrometheusQueryClient client;
    private transient Counter failures;
    private transient Counter polls;

    PromQlPoller(PromQlGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public void open(SourceReaderContext context) {
        open(
                context.metricGroup().counter(Conventions.METRIC_GUARD_POLLS),
                context.metricGroup().counter(Conventions.METRIC_GUARD_POLL_FAILURES));
    }

    void open(Counter polls, Counter failures) {
        this.polls = polls;
        this.failures = failures;
        this.client = new PrometheusQueryClient(guard.endpoint(), requestTimeout());
    }

    private Duration requestTimeout() {
        Duration half = Duration.ofMillis(Math.max(guard.everyMillis() / 2, 1));
        return half.compareTo(MAX_REQUEST_TIMEOUT) < 0 ? half : MAX_REQUEST_TIMEOUT;
    }

    @Override
    public GuardPoll map(Long index) throws InterruptedException {
        long started = clock.millis();
        polls.inc();
        long budgetNanos = requestTimeout().toNanos();
        long deadline = System.nanoTime() + budgetNanos;
        long backoff = FIRST_BACKOFF.toMillis();
        String failure;
        while (true) {
            try {
                List<GuardReading> readings = new ArrayList<>();
                for (PrometheusQueryClient.Series series : client.query(guard.query())) {
                    if (!Double.isNaN(series.value())) {
                        readings.add(new GuardReading(guard.name(), series.value(), started, series.labels()));
                    }
                }
                return new GuardPoll(guard.name(), started, readings, "");
            } catch (PrometheusQueryClient.QueryException e) {
                failure = e.getMessage();
                if (!e.retryable() || System.nanoTime() + backoff * 1_000_000L > deadline) {
                    break;
                }
            }
            Thread.sleep(backoff);
            backoff *= 2;
        }
        failures.inc();
        LOG.warn("guard {}: no reading this poll: {}", guard.name(), failure);
        return new GuardPoll(guard.name(), started, List.of(), failure);
    }
}
