package dev.concord.engine.decide.guards.promql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Instant queries against a Prometheus HTTP API ({@code GET /api/v1/query}). */
final class PrometheusQueryClient {

    /** A series of an instant query's answer. */
    record Series(Map<String, String> labels, double value) {}

    /** An answer that cannot be used; {@code retryable} when asking again may help (5xx, 429, I/O). */
    static final class QueryException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        QueryException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    PrometheusQueryClient(String endpoint, Duration timeout) {
        String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.base = URI.create(trimmed);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The series the query gives now (Prometheus's own evaluation time); a scalar is one series without labels. */
    List<Series> query(String promql) throws QueryException, InterruptedException {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new QueryException("cannot reach " + base + ": " + e, true);
        }
        int status = response.statusCode();
        if (status != 200) {
            // Prometheus answers 400 and 422 for a query it cannot run: asking again gives the same
            boolean retryable = status == 429 || status >= 500;
            throw new QueryException("HTTP " + status + " from " + base + ": " + error(response.body()), retryable);
        }
        return parse(response.body());
    }

    static List<Series> parse(String body) throws QueryException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new QueryException("not a Prometheus answer: " + e.getMessage(), false);
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            throw new QueryException("query failed: " + error(body), false);
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        List<Series> series = new ArrayList<>();
        switch (type) {
            case "vector" -> {
                for (JsonNode item : data.path("result")) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    item.path("metric")
                            .properties()
                            .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                    series.add(new Series(labels, value(item.path("value"))));
                }
            }
            case "scalar" -> series.add(new Series(Map.of(), value(data.path("result"))));
            default -> throw new QueryException("a guard needs a vector or scalar, the query gave " + type, false);
        }
        return series;
    }

    /** A sample is {@code [time, "value"]}; Prometheus writes infinities as {@code +Inf} and {@code -Inf}. */
    private static double value(JsonNode sample) throws QueryException {
        if (!sample.isArray() || sample.size() != 2) {
            throw new QueryException("a sample must be [time, value], got " + sample, false);
        }
        String text = sample.get(1).asText();
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new QueryException("not a number: " + text, false);
                }
            }
        };
    }

    private static String error(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.has("error")) {
                return root.path("errorType").asText() + ": "
                        + root.path("error").asText();
            }
        } catch (IOException ignored) {
            // not JSON: a proxy's page; its start says enough
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
