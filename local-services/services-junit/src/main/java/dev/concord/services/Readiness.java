package dev.concord.services;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells whether a service answers as ready; returns the reason when it does not. */
final class Readiness {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern TASK_MANAGERS = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Empty when ready, otherwise why not. */
    Optional<String> check(Service service) {
        URI endpoint = service.endpointUri();
        try {
            return switch (service) {
                case KAFKA -> tcp(endpoint);
                case ELASTICSEARCH -> httpOk(endpoint.resolve("/_cluster/health"));
                case PROMETHEUS, ALERTMANAGER -> httpOk(endpoint.resolve("/-/ready"));
                case FLINK_CLUSTER -> flinkHasTaskManager(endpoint.resolve("/overview"));
            };
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static Optional<String> tcp(URI endpoint) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), (int) TIMEOUT.toMillis());
            return Optional.empty();
        }
    }

    private Optional<String> httpOk(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = get(uri);
        return response.statusCode() == 200
                ? Optional.empty()
                : Optional.of("GET " + uri + " answered " + response.statusCode());
    }

    private Optional<String> flinkHasTaskManager(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = get(uri);
        if (response.statusCode() != 200) {
            return Optional.of("GET " + uri + " answered " + response.statusCode());
        }
        Matcher matcher = TASK_MANAGERS.matcher(response.body());
        if (matcher.find() && Integer.parseInt(matcher.group(1)) > 0) {
            return Optional.empty();
        }
        return Optional.of("the JobManager at " + uri + " has no TaskManager registered");
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
