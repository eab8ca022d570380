package dev.concord.ingest.decode;

import dev.concord.ingest.Conventions;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes a resource trustworthy: {@code tenant.id} becomes the authenticated tenant whatever the payload claimed, the
 * deprecated {@code deployment.environment} becomes {@code deployment.environment.name}, attributes are trimmed.
 */
final class ResourceSanitizer {

    private final AttributeSanitizer attributes;

    ResourceSanitizer(AttributeSanitizer attributes) {
        this.attributes = attributes;
    }

    /** @param tenant the authenticated tenant, empty when running without authentication */
    Resource sanitize(Resource resource, Optional<String> tenant, int items, DecodeReport report) {
        List<KeyValue> in = resource.getAttributesList();
        List<KeyValue> out = new ArrayList<>(in.size() + 1);
        boolean hasService = false;
        boolean hasEnvironmentName = false;
        KeyValue deprecatedEnvironment = null;
        for (KeyValue attribute : in) {
            switch (attribute.getKey()) {
                case Conventions.SERVICE_NAME -> {
                    hasService = !attribute.getValue().getStringValue().isBlank();
                    out.add(attribute);
                }
                case Conventions.DEPLOYMENT_ENVIRONMENT_NAME -> {
                    hasEnvironmentName = true;
                    out.add(attribute);
                }
                case Conventions.DEPLOYMENT_ENVIRONMENT_DEPRECATED -> deprecatedEnvironment = attribute;
                case Conventions.TENANT_ID -> {
                    if (tenant.isEmpty()) {
                        out.add(attribute);
                    } else if (!tenant.get().equals(attribute.getValue().getStringValue())) {
                        report.adjust(Adjustment.TENANT_OVERRIDDEN, items);
                    }
                }
                default -> out.add(attribute);
            }
        }
        if (deprecatedEnvironment != null && !hasEnvironmentName) {
            out.add(deprecatedEnvironment.toBuilder()
                    .setKey(Conventions.DEPLOYMENT_ENVIRONMENT_NAME)
                    .build());
            report.adjust(Adjustment.DEPRECATED_ENVIRONMENT_RENAMED, items);
        }
        tenant.ifPresent(id -> out.add(KeyValue.newBuilder()
                .setKey(Conventions.TENANT_ID)
                .setValue(AnyValue.newBuilder().setStringValue(id))
                .build()));
        if (!hasService) {
            // kept: service.name is required by the conventions, but dropping telemetry for it would hide outages
            report.adjust(Adjustment.MISSING_SERVICE_NAME, items);
        }
        List<KeyValue> trimmed = attributes.trim(out, report);
        return resource.toBuilder()
                .clearAttributes()
                .addAllAttributes(trimmed)
                .setDroppedAttributesCount(resource.getDroppedAttributesCount() + attributes.dropped(out.size()))
                .build();
    }
}
