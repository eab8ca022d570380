package dev.concord.simulator;

import dev.concord.ingest.Conventions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.resources.Resource;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** What every flow, probe and metric reporter shares: the plan, the faults as felt, the SDK and the random source. */
final class World {

    static final String ENVIRONMENT = "production";
    /** OpenTelemetry's resource attribute; ingest does not read it, so it is not among ingest's conventions. */
    static final String SERVICE_NAMESPACE = "service.namespace";

    final SimulationPlan plan;
    final Conditions conditions;
    final Sdk sdk;
    final SplittableRandom random;
    private final Map<String, Resource> resources = new HashMap<>();

    World(SimulationPlan plan, Sdk sdk, SplittableRandom random) {
        this.plan = plan;
        this.conditions = new Conditions(plan, random);
        this.sdk = sdk;
        this.random = random;
    }

    Tracer tracer(CloudSite site, String service, String tenant, long nanos) {
        return sdk.tracer(resource(site, service, tenant, nanos));
    }

    Logger logger(CloudSite site, String service, String tenant, long nanos) {
        return sdk.logger(resource(site, service, tenant, nanos));
    }

    Meter meter(CloudSite site, String service) {
        return sdk.meter(resource(site, service, "", 0));
    }

    /** A timestamp as the cloud's own clocks stamp a true instant. */
    long stamp(CloudSite site, long trueNanos) {
        return trueNanos + conditions.clockOffsetNanos(site.provider(), trueNanos);
    }

    private Resource resource(CloudSite site, String service, String tenant, long nanos) {
        String version = conditions.version(site, service, nanos, Services.usualVersion(service));
        return resources.computeIfAbsent(
                site.provider() + '|' + site.region() + '|' + service + '|' + tenant + '|' + version,
                key -> newResource(site, service, tenant, version));
    }

    private static Resource newResource(CloudSite site, String service, String tenant, String version) {
        AttributesBuilder attributes = Attributes.builder()
                .put(Conventions.SERVICE_NAME, service)
                .put(SERVICE_NAMESPACE, "supply-chain")
                .put(Conventions.SERVICE_VERSION, version)
                .put(Conventions.CLOUD_PROVIDER, site.provider())
                .put(Conventions.CLOUD_REGION, site.region())
                .put(Conventions.DEPLOYMENT_ENVIRONMENT_NAME, ENVIRONMENT);
        if (!tenant.isEmpty()) {
            attributes.put(Conventions.TENANT_ID, tenant);
        }
        return Resource.create(attributes.build());
    }

    /** Uniform random milliseconds in [from, to), as nanoseconds. */
    long millis(int from, int to) {
        return random.nextInt(from, to) * Times.NANOS_PER_MILLI;
    }

    /** Uniform random seconds in [from, to), as nanoseconds. */
    long seconds(int from, int to) {
        return random.nextLong(from * 1000L, to * 1000L) * Times.NANOS_PER_MILLI;
    }
}
