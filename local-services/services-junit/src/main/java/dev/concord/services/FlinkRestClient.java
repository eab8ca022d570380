package dev.concord.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Submits jars to a Flink session cluster through its REST API, the way a deployment does: upload, run, poll. Any
 * answer other than the expected one throws with the cluster's own words.
 */
public final class FlinkRestClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> FAILED_STATES = Set.of("FAILED", "FAILING", "CANCELED", "CANCELLING", "SUSPENDED");

    private final URI rest;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public FlinkRestClient(String restUrl) {
        this.rest = URI.create(restUrl.endsWith("/") ? restUrl : restUrl + "/");
    }

    /** GET /overview: task managers, slots, jobs. */
    public JsonNode overview() throws IOException, InterruptedException {
        return getJson("overview");
    }

    /** POST /jars/upload as multipart/form-data; returns the jar's id (its stored file name). */
    public String upload(Path jar) throws IOException, InterruptedException {
        String boundary = "concord-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = expectOk(
                "POST jars/upload",
                send(HttpRequest.newBuilder(rest.resolve("jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))));
        if (!uploaded.path("status").asText().equals("success")) {
            throw new IllegalStateException("upload of " + jar + " answered " + uploaded);
        }
        return Path.of(uploaded.path("filename").asText()).getFileName().toString();
    }

    /** POST /jars/{id}/run; returns the job id. The job's main() runs in the JobManager, its tasks on TaskManagers. */
    public String run(String jarId, String entryClass, List<String> arguments, int parallelism)
            throws IOException, InterruptedException {
        String request = json.writeValueAsString(
                Map.of("entryClass", entryClass, "programArgsList", arguments, "parallelism", parallelism));
        JsonNode started = expectOk(
                "POST jars/" + jarId + "/run",
                send(HttpRequest.newBuilder(rest.resolve("jars/" + jarId + "/run"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request))));
        String jobId = started.path("jobid").asText();
        if (jobId.isBlank()) {
            throw new IllegalStateException("run of " + jarId + " answered without a job id: " + started);
        }
        return jobId;
    }

    /** Polls /jobs/{id} until FINISHED and returns the job; throws when it fails or the timeout passes. */
    public JsonNode awaitFinished(String jobId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String state = "unknown";
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = getJson("jobs/" + jobId);
            state = job.path("state").asText();
            if (state.equals("FINISHED")) {
                return job;
            }
            if (FAILED_STATES.contains(state)) {
                String exceptions = send(HttpRequest.newBuilder(rest.resolve("jobs/" + jobId + "/exceptions")))
                        .body();
                throw new IllegalStateException("job " + jobId + " ended " + state + ": " + exceptions);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job " + jobId + " still " + state + " after " + timeout);
    }

    /** The parallelism of each vertex of a job returned by {@link #awaitFinished}. */
    public static List<Integer> vertexParallelisms(JsonNode job) {
        List<Integer> parallelisms = new ArrayList<>();
        job.path("vertices")
                .forEach(vertex -> parallelisms.add(vertex.path("parallelism").asInt()));
        return parallelisms;
    }

    /** DELETE /jars/{id}: uploaded jars otherwise stay in the cluster's upload directory. */
    public void deleteJar(String jarId) throws IOException, InterruptedException {
        expectOk(
                "DELETE jars/" + jarId,
                send(HttpRequest.newBuilder(rest.resolve("jars/" + jarId)).DELETE()));
    }

    /** The ids of the jars the cluster holds. */
    public List<String> jarIds() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        getJson("jars").path("files").forEach(file -> ids.add(file.path("id").asText()));
        return ids;
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        return expectOk("GET " + path, send(HttpRequest.newBuilder(rest.resolve(path))));
    }

    private JsonNode expectOk(String what, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
