package dev.concord.rules.load;

import dev.concord.rules.model.GuardSignal;
import dev.concord.rules.model.GuardSignal.OtlpMetric;
import dev.concord.rules.model.GuardSignal.PromQl;
import dev.concord.rules.model.Metadata;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

final class GuardSignalReader {

    static final String[] FIELDS = {"description", "otlpMetric", "promql"};

    /** Prometheus' own default scrape interval is a minute; guards want fresher values. */
    static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

    private GuardSignalReader() {}

    static GuardSignal read(Metadata metadata, MapReader spec) {
        List<String> given = spec.writtenAmong("otlpMetric", "promql");
        GuardSignal.Source source = null;
        if (given.size() != 1) {
            spec.context().error(spec.node(), spec.path(), "a guard signal needs exactly one of otlpMetric or promql");
        } else if (given.contains("otlpMetric")) {
            source = spec.map("otlpMetric", "name", "unit", "attributes")
                    .flatMap(m -> m.requiredString("name")
                            .map(name -> new OtlpMetric(name, m.string("unit").orElse(""), m.stringMap("attributes"))))
                    .orElse(null);
        } else {
            source = spec.map("promql", "endpoint", "query", "every")
                    .flatMap(GuardSignalReader::promql)
                    .orElse(null);
        }
        return new GuardSignal(
                metadata,
                spec.string("description").orElse(""),
                source,
                spec.context().origin());
    }

    private static Optional<GuardSignal.Source> promql(MapReader promql) {
        Optional<URI> endpoint = promql.requiredString("endpoint").flatMap(text -> {
            try {
                return Optional.of(new URI(text));
            } catch (URISyntaxException e) {
                promql.context()
                        .error(
                                promql.value("endpoint").orElseThrow(),
                                promql.child("endpoint"),
                                "'" + text + "' is not a URL: " + e.getReason());
                return Optional.empty();
            }
        });
        Optional<String> query = promql.requiredString("query");
        Duration every = promql.duration("every").orElse(DEFAULT_POLL);
        if (endpoint.isEmpty() || query.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PromQl(endpoint.get(), query.get(), every));
    }
}
