package dev.concord.outputs.alertmanager;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to one or more Alertmanagers with {@code POST /api/v2/alerts}. {@link #fire} and {@link #resolve}
 * only queue: a sender (the thread {@link #start} runs, or a test calling {@link #tick}) posts what is queued to
 * every Alertmanager independently, re-sends the active alerts every resend interval so Alertmanager does not
 * resolve them on its own, and backs off exponentially from an Alertmanager that does not answer 2xx. Each
 * Alertmanager's queue holds at most one entry per alert (the latest state wins) and a bounded number of alerts;
 * beyond it the oldest are dropped and counted, never blocking the caller.
 */
public final class AlertmanagerClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerClient.class);

    private final AlertmanagerConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Map<Map<String, String>, Alert> active = new LinkedHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedRequests = new AtomicLong();
    private Instant lastResend;
    private ScheduledExecutorService sender;

    public AlertmanagerClient(AlertmanagerConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http =
                HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
        for (String url : config.urls()) {
            endpoints.add(new Endpoint(URI.create(url.replaceAll("/+$", "") + "/api/v2/alerts")));
        }
        this.lastResend = clock.instant();
    }

    /** Starts the sending thread; without it, nothing goes out unless someone calls {@link #tick}. */
    public synchronized AlertmanagerClient start() {
        if (sender == null) {
            sender = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alertmanager-sender");
                t.setDaemon(true);
                return t;
            });
            long millis = config.tick().toMillis();
            sender.scheduleWithFixedDelay(this::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Queues a firing alert for every Alertmanager and keeps re-sending it until resolved. */
    public void fire(Alert alert) {
        if (alert.resolved()) {
            resolve(alert);
            return;
        }
        synchronized (active) {
            active.put(alert.labels(), alert);
        }
        enqueue(alert);
    }

    /** Queues the alert with its {@code endsAt} for every Alertmanager and stops re-sending it. */
    public void resolve(Alert alert) {
        Alert resolved = alert.resolved() ? alert : alert.resolvedAt(clock.instant());
        synchronized (active) {
            active.remove(resolved.labels());
        }
        enqueue(resolved);
    }

    /** One round of sending: re-send active alerts when due, then post each queue whose backoff has passed. */
    public void tick() {
        Instant now = clock.instant();
        if (!now.isBefore(lastResend.plus(config.resendInterval()))) {
            lastResend = now;
            List<Alert> still;
            synchronized (active) {
                still = List.copyOf(active.values());
            }
            still.forEach(this::enqueue);
        }
        for (Endpoint endpoint : endpoints) {
            endpoint.sendIfDue(now);
        }
    }

    /** Alerts dropped because an Alertmanager's queue was full or because it rejected them as invalid. */
    public long dropped() {
        return dropped.get();
    }

    /** Alerts accepted by an Alertmanager (counted per Alertmanager). */
    public long sent() {
        return sent.get();
    }

    public long failedRequests() {
        return failedRequests.get();
    }

    /** Alerts waiting for some Alertmanager. */
    public int queued() {
        return endpoints.stream().mapToInt(Endpoint::size).sum();
    }

    public int activeAlerts() {
        synchronized (active) {
            return active.size();
        }
    }

    /** Stops the sender after trying, within the drain timeout, to deliver what is queued. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = sender;
            sender = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(config.requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (queued() > 0 && System.nanoTime() < deadline) {
            for (Endpoint endpoint : endpoints) {
                endpoint.sendIfDue(Instant.MAX);
            }
            if (queued() > 0) {
                try {
                    Thread.sleep(Math.min(200, config.initialBackoff().toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (queued() > 0) {
            LOG.warn("Alertmanager: {} alerts not delivered before closing", queued());
        }
    }

    private void enqueue(Alert alert) {
        for (Endpoint endpoint : endpoints) {
            endpoint.offer(alert);
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("Alertmanager: sending failed unexpectedly", e);
        }
    }

    /** One Alertmanager: its queue and its backoff. */
    private final class Endpoint {
        private final URI uri;
        private final LinkedHashMap<Map<String, String>, Alert> queue = new LinkedHashMap<>();
        private int failures;
        private Instant nextAttempt = Instant.MIN;

        Endpoint(URI uri) {
            this.uri = uri;
        }

        synchronized int size() {
            return queue.size();
        }

        synchronized void offer(Alert alert) {
            queue.remove(alert.labels());
            queue.put(alert.labels(), alert);
            trim();
        }

        private void trim() {
            Iterator<Map<String, String>> oldest = queue.keySet().iterator();
            while (queue.size() > config.maxQueuedAlerts()) {
                oldest.next();
                oldest.remove();
                dropped.incrementAndGet();
            }
        }

        void sendIfDue(Instant now) {
            List<Alert> batch;
            synchronized (this) {
                if (queue.isEmpty() || now.isBefore(nextAttempt)) {
                    return;
                }
                batch = List.copyOf(queue.values());
                queue.clear();
            }
            Answer answer = post(batch);
            if (answer != Answer.RETRY) {
                synchronized (this) {
                    failures = 0;
                    nextAttempt = Instant.MIN;
                }
                (answer == Answer.ACCEPTED ? sent : dropped).addAndGet(batch.size());
                return;
            }
            failedRequests.incrementAndGet();
            synchronized (this) {
                // what was queued meanwhile is newer than the batch: keep it, put the batch back before it
                LinkedHashMap<Map<String, String>, Alert> merged = new LinkedHashMap<>();
                batch.forEach(a -> merged.put(a.labels(), a));
                merged.putAll(queue);
                queue.clear();
                queue.putAll(merged);
                trim();
                Duration delay = backoff(failures++);
                nextAttempt = clock.instant().plus(delay);
            }
        }

        private Answer post(List<Alert> batch) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(config.requestTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(AlertPayload.of(batch)))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return Answer.ACCEPTED;
                }
                if (status / 100 == 4 && status != 429) {
                    // the alerts themselves are wrong: sending them again would block the queue forever
                    LOG.warn(
                            "Alertmanager {} rejected {} alerts with {}: {}",
                            uri,
                            batch.size(),
                            status,
                            response.body());
                    return Answer.REJECTED;
                }
                LOG.info("Alertmanager {} answered {}: {}", uri, status, response.body());
                return Answer.RETRY;
            } catch (IOException e) {
                LOG.info("Alertmanager {} unreachable: {}", uri, e.toString());
                return Answer.RETRY;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.RETRY;
            }
        }
    }

    private enum Answer {
        ACCEPTED,
        REJECTED,
        RETRY
    }

    /** initial × 2^failures, capped at the maximum. */
    Duration backoff(int failures) {
        long millis = config.initialBackoff().toMillis() << Math.min(failures, 30);
        return Duration.ofMillis(Math.min(millis, config.maxBackoff().toMillis()));
    }
}
