package dev.concord.ingest.decode;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.model.ResourceIdentity;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource split the way the canonical model flattens it: the identity Concord groups by, and the other resource
 * attributes, which are copied onto every record under their own names.
 */
record FlatResource(ResourceIdentity identity, Map<String, String> extras) {

    private static final Set<String> IDENTITY_KEYS = Set.of(
            Conventions.SERVICE_NAME,
            Conventions.SERVICE_VERSION,
            Conventions.CLOUD_PROVIDER,
            Conventions.CLOUD_REGION,
            Conventions.DEPLOYMENT_ENVIRONMENT_NAME,
            Conventions.DEPLOYMENT_ENVIRONMENT_DEPRECATED,
            Conventions.TENANT_ID);

    static FlatResource of(Resource resource) {
        Map<String, String> all = AnyValues.toMap(resource.getAttributesList());
        ResourceIdentity identity = ResourceIdentity.fromAttributes(all);
        all.keySet().removeAll(IDENTITY_KEYS);
        return new FlatResource(identity, all);
    }

    /** The record's own attributes over the resource's extras: a record attribute wins on a shared name. */
    Map<String, String> with(List<KeyValue> attributes) {
        Map<String, String> merged = new HashMap<>(Math.max(8, (extras.size() + attributes.size()) * 2));
        merged.putAll(extras);
        for (KeyValue attribute : attributes) {
            merged.put(attribute.getKey(), AnyValues.render(attribute.getValue()));
        }
        return merged;
    }
}
