package dev.concord.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.decide.ControlChannel;
import dev.concord.engine.decide.OperatorConfirmation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code concord confirm}: writes an operator's confirmation into the decision job's control directory, or sends it
 * to the job's HTTP control endpoint ({@code --url}), which writes it there.
 */
@Command(
        name = "confirm",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Confirm a decision pending confirmation: the running decision job reads the control "
                + "directory and records CONFIRMED at its next evaluation. With --url, through the job's "
                + "HTTP control endpoint instead; exit 1 when it refuses.")
final class ConfirmCommand implements Callable<Integer> {

    /** The confirmation's time when none is given; tests replace it. */
    static Clock clock = Clock.systemUTC();

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DECISION_ID", description = "As in the decision record, POLICY/SCOPE/TIME.")
    private String decisionId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who confirms.")
    private String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
    private String reason = "";

    @Option(
            names = "--control-dir",
            paramLabel = "DIR",
            description = "The decision job's control directory (default: ${DEFAULT-VALUE}).")
    private Path controlDir = Path.of(ControlChannel.DEFAULT_DIRECTORY);

    @Option(
            names = "--at",
            paramLabel = "RFC3339",
            description = "The confirmation's event time (default: now); for a replay, a time inside it.")
    private String at;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The decision job's control endpoint (http://HOST:PORT); the endpoint stamps the time.")
    private URI url;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "With --url: a file holding the bearer token (its first line), never shown.")
    private Path tokenFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (decisionId.indexOf('/') <= 0 || decisionId.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "DECISION_ID must look like POLICY/SCOPE/TIME, got '" + decisionId + "'");
        }
        if (by.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by must name who confirms");
        }
        if (url != null) {
            return overHttp();
        }
        if (tokenFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--token-file goes with --url");
        }
        Instant when;
        try {
            when = at == null ? clock.instant() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--at must be an RFC 3339 time such as 2026-01-05T10:27:00Z, got '" + at + "'");
        }
        Path written =
                ControlChannel.write(controlDir, new OperatorConfirmation(decisionId, by, reason, when.toEpochMilli()));
        spec.commandLine()
                .getOut()
                .println("confirmation of " + decisionId + " by " + by + " at " + when + " written to " + written);
        return 0;
    }

    private int overHttp() throws IOException, InterruptedException {
        if (at != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--at cannot go with --url: the endpoint stamps the confirmation's time");
        }
        if (tokenFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url needs --token-file");
        }
        String token = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream()
                .findFirst()
                .map(String::strip)
                .orElse("");
        if (token.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the token file " + tokenFile + " is empty");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("by", by);
        body.put("reason", reason);
        String base = url.toString().endsWith("/")
                ? url.toString().substring(0, url.toString().length() - 1)
                : url.toString();
        StringBuilder path = new StringBuilder();
        for (String segment : decisionId.split("/", -1)) {
            path.append(path.isEmpty() ? "" : "/").append(URLEncoder.encode(segment, StandardCharsets.UTF_8));
        }
        URI target = URI.create(base + "/v1/decisions/" + path + "/confirm");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(HTTP_TIMEOUT)
                    .build()
                    .send(
                            HttpRequest.newBuilder(target)
                                    .timeout(HTTP_TIMEOUT)
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot reach " + url + ": " + e.getMessage());
            return 1;
        }
        if (response.statusCode() == 202) {
            JsonNode accepted = JSON.readTree(response.body());
            spec.commandLine()
                    .getOut()
                    .println("confirmation of " + decisionId + " by " + by + " at "
                            + accepted.path("at").asText() + " accepted by " + url);
            return 0;
        }
        String why = switch (response.statusCode()) {
            case 401 -> "the endpoint refused the token";
            case 404 -> "the job has no decision " + decisionId;
            case 409 ->
                "decision " + decisionId + " is "
                        + JSON.readTree(response.body()).path("state").asText() + ", not pending confirmation";
            default -> "HTTP " + response.statusCode() + ": " + response.body();
        };
        spec.commandLine().getErr().println("not confirmed: " + why);
        return 1;
    }
}
