package dev.concord.simulator;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.concord.ingest.Conventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * One business transaction on its way through the services of one cloud for one tenant: opens and ends the
 * services' spans at explicit simulated times, calls dependencies through client spans, and logs errors with the
 * trace they belong to.
 */
final class Journey {

    /** The end of a piece of work, and whether it went well. */
    record Step(long endNanos, boolean ok) {}

    /** A message put on a queue: the producer span the consumer links to, and how the put went. */
    record Published(SpanContext producer, Step step) {}

    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");

    /** How a service's error log names a failure of its own code, as web frameworks answer it. */
    static final String INTERNAL_ERROR = "internal server error";

    /** A token request fails now and then and is retried: ordinary noise that never fails a transaction. */
    private static final double TRANSIENT_AUTH_FAILURE = 0.004;

    final World world;
    final CloudSite site;
    final String tenant;
    final String transaction;
    final String id;

    Journey(World world, CloudSite site, String tenant, String transaction, String id) {
        this.world = world;
        this.site = site;
        this.tenant = tenant;
        this.transaction = transaction;
        this.id = id;
    }

    /** Opens a span of a stage of the transaction; a null parent starts a new trace. */
    Span stage(String service, String name, SpanKind kind, String stage, Context parent, long startNanos) {
        return open(service, name, kind, parent, startNanos)
                .setAllAttributes(Attributes.builder()
                        .put(Conventions.BUSINESS_TRANSACTION, transaction)
                        .put(Conventions.BUSINESS_TRANSACTION_ID, id)
                        .put(Conventions.BUSINESS_TRANSACTION_STAGE, stage)
                        .build())
                .startSpan();
    }

    /** Opens a consumer stage in a new trace, linked to the producer that put the message on the queue. */
    Span consumed(String service, String name, String stage, SpanContext producer, long startNanos) {
        return open(service, name, SpanKind.CONSUMER, null, startNanos)
                .addLink(producer)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAllAttributes(Attributes.builder()
                        .put(Conventions.BUSINESS_TRANSACTION, transaction)
                        .put(Conventions.BUSINESS_TRANSACTION_ID, id)
                        .put(Conventions.BUSINESS_TRANSACTION_STAGE, stage)
                        .build())
                .startSpan();
    }

    private SpanBuilder open(String service, String name, SpanKind kind, Context parent, long startNanos) {
        SpanBuilder builder = world.tracer(site, service, tenant, startNanos)
                .spanBuilder(name)
                .setSpanKind(kind)
                .setStartTimestamp(world.stamp(site, startNanos), NANOSECONDS);
        return parent == null ? builder.setNoParent() : builder.setParent(parent);
    }

    void end(Span span, long endNanos) {
        span.end(world.stamp(site, endNanos), NANOSECONDS);
    }

    void fail(Span span, long endNanos, String message) {
        span.setStatus(StatusCode.ERROR, message);
        end(span, endNanos);
    }

    /** A service answers a request as part of a stage: it may be down or slow. */
    Step serve(Span span, String service, long startNanos, int fromMillis, int toMillis, String failure) {
        Conditions.Effect effect = world.conditions.call(site, service, tenant, startNanos);
        long end = startNanos + world.millis(fromMillis, toMillis) + effect.addedNanos();
        if (effect.failed()) {
            rejected(span, service, effect, end, failure);
            return new Step(end, false);
        }
        span.setAttribute(HTTP_STATUS, 200L);
        end(span, end);
        return new Step(end, true);
    }

    /**
     * The service that opened {@code span} fails the request itself and logs why, as the version it runs: a service
     * that is down answers 503 (unavailable), one whose own code fails answers 500 (internal server error).
     */
    void rejected(Span span, String service, Conditions.Effect effect, long endNanos, String failure) {
        span.setAttribute(HTTP_STATUS, effect.internalError() ? 500L : 503L);
        fail(span, endNanos, failure);
        log(
                service,
                span,
                endNanos,
                Severity.ERROR,
                failure + ": " + (effect.internalError() ? INTERNAL_ERROR : service + " unavailable"));
    }

    /** Asks the identity provider for a token, as {@code caller}; a transient failure is retried once. */
    Step authenticate(String caller, Span parent, long startNanos, String failureLog) {
        Context context = Context.root().with(parent);
        long at = startNanos;
        if (world.random.nextDouble() < TRANSIENT_AUTH_FAILURE) {
            Span attempt = client(caller, "POST /oauth2/token", Services.IDENTITY_PROVIDER, context, at);
            at += world.millis(20, 60);
            attempt.setAttribute(HTTP_STATUS, 502L);
            fail(attempt, at, "bad gateway");
            log(caller, attempt, at, Severity.WARN, "identity provider: token request failed, retrying");
            at += world.millis(5, 20);
        }
        Span token = client(caller, "POST /oauth2/token", Services.IDENTITY_PROVIDER, context, at);
        Conditions.Effect effect = world.conditions.call(site, Services.IDENTITY_PROVIDER, tenant, at);
        long end = at + world.millis(5, 25) + effect.addedNanos();
        if (effect.failed()) {
            token.setAttribute(HTTP_STATUS, 503L);
            fail(token, end, "identity provider unavailable");
            log(caller, token, end, Severity.ERROR, failureLog);
            return new Step(end, false);
        }
        token.setAttribute(HTTP_STATUS, 200L);
        end(token, end);
        return new Step(end, true);
    }

    /** Puts a message on a queue through the message broker. */
    Published publish(String caller, Span parent, long startNanos, String queue) {
        Span producer = open(
                        caller,
                        queue + " publish",
                        SpanKind.PRODUCER,
                        Context.root().with(parent),
                        startNanos)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_DESTINATION, queue)
                .setAttribute(PEER_SERVICE, Services.MESSAGE_BROKER)
                .startSpan();
        Conditions.Effect effect = world.conditions.call(site, Services.MESSAGE_BROKER, tenant, startNanos);
        long end = startNanos + world.millis(2, 8) + effect.addedNanos();
        if (effect.failed()) {
            fail(producer, end, "message broker unavailable");
            log(caller, producer, end, Severity.ERROR, "message broker: publish to " + queue + " failed");
            return new Published(producer.getSpanContext(), new Step(end, false));
        }
        end(producer, end);
        return new Published(producer.getSpanContext(), new Step(end, true));
    }

    /** Writes to the ERP database, which takes writes only in the primary cloud, whichever cloud writes. */
    Step writeErp(Span parent, long startNanos, String statement) {
        Span query = open(
                        Services.ERP_CONNECTOR,
                        statement,
                        SpanKind.CLIENT,
                        Context.root().with(parent),
                        startNanos)
                .setAttribute(PEER_SERVICE, Services.ERP_DB)
                .setAttribute(DB_SYSTEM, "postgresql")
                .setAttribute(DB_NAMESPACE, "erp")
                .startSpan();
        CloudSite primary = world.plan.topology().primary();
        Conditions.Effect effect = world.conditions.call(primary, Services.ERP_DB, tenant, startNanos);
        long crossCloud = site.equals(primary) ? 0 : world.millis(15, 30);
        long end = startNanos + world.millis(8, 40) + crossCloud + effect.addedNanos();
        if (effect.failed()) {
            fail(query, end, "ERP database unavailable");
            log(
                    Services.ERP_CONNECTOR,
                    query,
                    end,
                    Severity.ERROR,
                    "ERP connector: posting failed: ERP database unavailable");
            return new Step(end, false);
        }
        end(query, end);
        return new Step(end, true);
    }

    private Span client(String caller, String name, String peer, Context parent, long startNanos) {
        return open(caller, name, SpanKind.CLIENT, parent, startNanos)
                .setAttribute(PEER_SERVICE, peer)
                .startSpan();
    }

    void log(String service, Span span, long trueNanos, Severity severity, String body) {
        world.logger(site, service, tenant, trueNanos)
                .logRecordBuilder()
                .setTimestamp(world.stamp(site, trueNanos), NANOSECONDS)
                .setObservedTimestamp(trueNanos, NANOSECONDS)
                .setContext(Context.root().with(span))
                .setSeverity(severity)
                .setSeverityText(severity.name())
                .setBody(body)
                .emit();
    }
}
