package dev.concord.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> FAILED_STATES = Set.of("FAILED", "FAILING", "CANCELED", "CANCELLING", "SUSPENDED");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void runsAnUploadedJobAtParallelismTwo(ServiceEndpoints endpoints, @TempDir Path outputDir) throws Exception {
        URI rest = URI.create(endpoints.flinkRestUrl() + "/");
        // a job at parallelism 2 on fewer slots would wait for them until the timeout instead of failing
        assertThat(getJson(rest.resolve("overview")).path("slots-total").asInt())
                .isGreaterThanOrEqualTo(PARALLELISM);

        String jarId = upload(rest, jobJar());
        try {
            Path output = outputDir.resolve("total.txt");
            String jobId = run(rest, jarId, output);
            JsonNode job = awaitFinished(rest, jobId);

            List<Integer> parallelisms = new ArrayList<>();
            job.path("vertices")
                    .forEach(vertex ->
                            parallelisms.add(vertex.path("parallelism").asInt()));
            assertThat(parallelisms).contains(PARALLELISM);
            assertThat(Files.readAllLines(output)).containsExactly(Long.toString(LAST * (LAST + 1) / 2));
        } finally {
            HttpResponse<String> deleted =
                    send(HttpRequest.newBuilder(rest.resolve("jars/" + jarId)).DELETE());
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        }
        List<String> jarsLeft = new ArrayList<>();
        getJson(rest.resolve("jars"))
                .path("files")
                .forEach(file -> jarsLeft.add(file.path("id").asText()));
        assertThat(jarsLeft).doesNotContain(jarId);
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

    /** POST /jars/upload as multipart/form-data; returns the jar's id (its stored file name). */
    private String upload(URI rest, Path jar) throws IOException, InterruptedException {
        String boundary = "concord-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve("jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode uploaded = json.readTree(response.body());
        assertThat(uploaded.path("status").asText()).as(response.body()).isEqualTo("success");
        return Path.of(uploaded.path("filename").asText()).getFileName().toString();
    }

    /** POST /jars/{id}/run; returns the job id. The job's main() runs in the JobManager, its tasks on the TaskManager. */
    private String run(URI rest, String jarId, Path output) throws IOException, InterruptedException {
        String request = json.writeValueAsString(Map.of(
                "entryClass", SequenceSumJob.class.getName(),
                "programArgsList", List.of(Long.toString(LAST), output.toString()),
                "parallelism", PARALLELISM));
        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve("jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String jobId = json.readTree(response.body()).path("jobid").asText();
        assertThat(jobId).as(response.body()).isNotBlank();
        return jobId;
    }

    private JsonNode awaitFinished(URI rest, String jobId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        String state = "unknown";
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = getJson(rest.resolve("jobs/" + jobId));
            state = job.path("state").asText();
            if (state.equals("FINISHED")) {
                return job;
            }
            if (FAILED_STATES.contains(state)) {
                String exceptions = send(HttpRequest.newBuilder(rest.resolve("jobs/" + jobId + "/exceptions")))
                        .body();
                fail("job %s ended %s: %s", jobId, state, exceptions);
            }
            Thread.sleep(500);
        }
        return fail("job %s still %s after %s", jobId, state, JOB_TIMEOUT);
    }

    private JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri));
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
