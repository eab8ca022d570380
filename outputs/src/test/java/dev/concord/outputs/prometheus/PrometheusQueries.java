package dev.concord.outputs.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Instant queries against the real Prometheus, evaluated at a chosen time. */
final class PrometheusQueries {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    PrometheusQueries(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The result vector: each element has {@code metric} (labels) and {@code value} [time, "value"]. */
    List<JsonNode> query(String promql, Instant at) throws Exception {
        String url = baseUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + at.getEpochSecond() + "." + String.format("%03d", at.getNano() / 1_000_000);
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        List<JsonNode> result = new ArrayList<>();
        body.at("/data/result").forEach(result::add);
        return result;
    }

    static double value(JsonNode sample) {
        return Double.parseDouble(sample.at("/value/1").asText());
    }
}
