package dev.concord.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concord.services.FlinkRestClient;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits {@link SequenceSumJob}, in this module's jar, to the standalone cluster through its REST API the way a
 * deployment would (upload, run, poll), and checks the total the TaskManager wrote.
 */
@RequiresServices(Service.FLINK_CLUSTER)
final class FlinkClusterSmokeIT {

    private static final long LAST = 10_000;
    private static final int PARALLELISM = 2;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void runsAnUploadedJobAtParallelismTwo(ServiceEndpoints endpoints, @TempDir Path outputDir) throws Exception {
        FlinkRestClient cluster = new FlinkRestClient(endpoints.flinkRestUrl());
        // a job at parallelism 2 on fewer slots would wait for them until the timeout instead of failing
        assertThat(cluster.overview().path("slots-total").asInt()).isGreaterThanOrEqualTo(PARALLELISM);

        String jarId = cluster.upload(jobJar());
        try {
            Path output = outputDir.resolve("total.txt");
            String jobId = cluster.run(
                    jarId,
                    SequenceSumJob.class.getName(),
                    List.of(Long.toString(LAST), output.toString()),
                    PARALLELISM);
            JsonNode job = cluster.awaitFinished(jobId, JOB_TIMEOUT);

            assertThat(FlinkRestClient.vertexParallelisms(job)).contains(PARALLELISM);
            assertThat(Files.readAllLines(output)).containsExactly(Long.toString(LAST * (LAST + 1) / 2));
        } finally {
            cluster.deleteJar(jarId);
        }
        assertThat(cluster.jarIds()).doesNotContain(jarId);
    }

    private static Path jobJar() {
        String jar = System.getProperty("concord.smoke.jobJar");
        assertThat(jar)
                .as("system property concord.smoke.jobJar (set by failsafe)")
                .isNotBlank();
        Path path = Path.of(jar);
        assertThat(path).as("the module's jar, built by the package phase").isRegularFile();
        return path;
    }
}
