package dev.concord.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.jobs.ratio.MinuteSuccessRatio;
import dev.concord.jobs.sinks.JsonLines;
import dev.concord.services.FlinkRestClient;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs concord-flink-job.jar on the standalone cluster, as the README tells users to. */
@RequiresServices(Service.FLINK_CLUSTER)
class ClusterEntryPointIT {

    private static final Path JOB_JAR = Path.of("target", "concord-flink-job.jar");

    @Test
    void theClusterJarComputesTheDemoRatiosOnASeparateJobAndTaskManager(ServiceEndpoints endpoints, @TempDir Path out)
            throws Exception {
        assertThat(JOB_JAR).as("built by the package phase").isRegularFile();
        FlinkRestClient cluster = new FlinkRestClient(endpoints.flinkRestUrl());

        String jarId = cluster.upload(JOB_JAR);
        try {
            String jobId = cluster.run(
                    jarId,
                    ClusterEntryPoint.class.getName(),
                    List.of("--job", "demo", "--out", out.toString(), "--seed", "5"),
                    2);
            cluster.awaitFinished(jobId, Duration.ofMinutes(2));
        } finally {
            cluster.deleteJar(jarId);
        }

        List<MinuteSuccessRatio> rows =
                JsonLines.read(out.resolve(Conventions.OUT_SUCCESS_RATIO), MinuteSuccessRatio.class);
        assertThat(rows).hasSize(60);
        long outageStart = Instant.parse("2026-01-05T09:10:00Z").toEpochMilli();
        long outageEnd = Instant.parse("2026-01-05T09:20:00Z").toEpochMilli();
        assertThat(rows)
                .filteredOn(r -> r.cloudProvider().equals("aws")
                        && r.minuteStartEpochMillis() >= outageStart
                        && r.minuteStartEpochMillis() < outageEnd)
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.successRatio()).isZero());
        assertThat(rows)
                .filteredOn(r -> r.cloudProvider().equals("gcp"))
                .allSatisfy(r -> assertThat(r.successRatio()).isGreaterThan(0.9));
    }
}
