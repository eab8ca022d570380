package dev.concord.ingest.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceIdentityTest {

    @Test
    void readsEveryIdentityAttributeFromResourceAttributes() {
        ResourceIdentity identity = ResourceIdentity.fromAttributes(Map.of(
                "service.name", "order-api",
                "service.version", "2.0.1",
                "cloud.provider", "gcp",
                "cloud.region", "us-central1",
                "deployment.environment.name", "production",
                "tenant.id", "globex"));

        assertThat(identity)
                .isEqualTo(new ResourceIdentity("order-api", "2.0.1", "gcp", "us-central1", "production", "globex"));
    }

    @Test
    void acceptsTheDeprecatedDeploymentEnvironmentWhenTheNewNameIsAbsent() {
        ResourceIdentity identity =
                ResourceIdentity.fromAttributes(Map.of("service.name", "x", "deployment.environment", "staging"));

        assertThat(identity.deploymentEnvironment()).isEqualTo("staging");
    }

    @Test
    void prefersTheNewDeploymentEnvironmentNameOverTheDeprecatedOne() {
        ResourceIdentity identity = ResourceIdentity.fromAttributes(
                Map.of("deployment.environment", "staging", "deployment.environment.name", "production"));

        assertThat(identity.deploymentEnvironment()).isEqualTo("production");
    }

    @Test
    void marksAbsentAttributesAsUnknownInsteadOfNull() {
        ResourceIdentity identity = ResourceIdentity.fromAttributes(Map.of("service.name", "order-api"));

        assertThat(identity.cloudProvider()).isEqualTo("unknown");
        assertThat(identity.tenantId()).isEqualTo("unknown");
        assertThat(identity.serviceVersion()).isEqualTo("unknown");
    }
}
