package dev.concord.ingest.model;

import static dev.concord.ingest.Conventions.UNKNOWN;

import dev.concord.ingest.Conventions;
import java.util.Map;

/**
 * Where a signal came from: the OpenTelemetry resource attributes Concord groups and routes by. Absent attributes
 * are {@link Conventions#UNKNOWN}, so a record is never partially null.
 *
 * @param serviceName {@code service.name}
 * @param serviceVersion {@code service.version}
 * @param cloudProvider {@code cloud.provider}, lowercase ({@code aws}, {@code gcp}, ...)
 * @param cloudRegion {@code cloud.region}, the provider's own id ({@code us-east-1})
 * @param deploymentEnvironment {@code deployment.environment.name}
 * @param tenantId {@code tenant.id}
 */
public record ResourceIdentity(
        String serviceName,
        String serviceVersion,
        String cloudProvider,
        String cloudRegion,
        String deploymentEnvironment,
        String tenantId) {

    public ResourceIdentity {
        serviceName = orUnknown(serviceName);
        serviceVersion = orUnknown(serviceVersion);
        cloudProvider = orUnknown(cloudProvider);
        cloudRegion = orUnknown(cloudRegion);
        deploymentEnvironment = orUnknown(deploymentEnvironment);
        tenantId = orUnknown(tenantId);
    }

    /**
     * Reads the identity from flattened resource attributes. The deprecated {@code deployment.environment} is used
     * only when {@code deployment.environment.name} is absent.
     */
    public static ResourceIdentity fromAttributes(Map<String, String> attributes) {
        String environment = attributes.get(Conventions.DEPLOYMENT_ENVIRONMENT_NAME);
        if (environment == null || environment.isBlank()) {
            environment = attributes.get(Conventions.DEPLOYMENT_ENVIRONMENT_DEPRECATED);
        }
        return new ResourceIdentity(
                attributes.get(Conventions.SERVICE_NAME),
                attributes.get(Conventions.SERVICE_VERSION),
                attributes.get(Conventions.CLOUD_PROVIDER),
                attributes.get(Conventions.CLOUD_REGION),
                environment,
                attributes.get(Conventions.TENANT_ID));
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
