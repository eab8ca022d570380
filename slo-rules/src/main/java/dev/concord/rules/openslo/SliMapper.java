package dev.concord.rules.openslo;

import dev.concord.rules.Conventions;
import dev.concord.rules.load.MapReader;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.text.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Maps an OpenSLO SLI onto Concord telemetry by the documented convention: the transaction comes from a
 * {@code concord.dev/transaction} annotation or label (on the SLO, the SLI or the Service, in that order) or from a
 * {@code business_transaction="NAME"} matcher in a metric source's query. The query itself is not run: Concord
 * computes the indicator from its own spans and probe results.
 */
final class SliMapper {

    static final String[] SLI_FIELDS = {"description", "thresholdMetric", "ratioMetric"};
    static final String[] RATIO_FIELDS = {"counter", "good", "bad", "total", "rawType", "raw"};
    static final String[] METRIC_FIELDS = {"metricSource"};
    static final String[] SOURCE_FIELDS = {"metricSourceRef", "type", "spec"};
    static final String[] DATA_SOURCE_FIELDS = {"description", "type", "connectionDetails"};

    private static final Pattern MATCHER =
            Pattern.compile("(?:business_transaction|business\\.transaction)\\s*=\\s*[\"']([^\"']+)[\"']");

    /** A mapped indicator: the transaction it measures and the data sources the OpenSLO file named. */
    record Mapped(String transaction, Indicator indicator, List<String> dataSources) {}

    private final OpenSloIndex index;

    SliMapper(OpenSloIndex index) {
        this.index = index;
    }

    /**
     * @param objective the objective being imported, for a threshold metric's {@code op} and {@code value}
     * @param slo the SLO, asked for annotations before the SLI
     * @param service the SLO's Service, asked after the SLI
     */
    Optional<Mapped> map(
            OpenSloDocument sli, MapReader objective, OpenSloDocument slo, Optional<OpenSloDocument> service) {
        List<OpenSloDocument> owners = new ArrayList<>(List.of(slo, sli));
        service.ifPresent(owners::add);
        Optional<MapReader> spec = sli.spec(SLI_FIELDS);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        List<String> given = spec.get().writtenAmong("thresholdMetric", "ratioMetric");
        if (given.size() != 1) {
            spec.get()
                    .context()
                    .error(
                            spec.get().node(),
                            spec.get().path(),
                            "an SLI needs exactly one of thresholdMetric or ratioMetric");
            return Optional.empty();
        }
        List<Node> queries = new ArrayList<>();
        Set<String> dataSources = new LinkedHashSet<>();
        Optional<Indicator> indicator;
        String metricPath = spec.get().child(given.get(0));
        Node metricNode = spec.get().value(given.get(0)).orElse(spec.get().node());
        if (given.contains("thresholdMetric")) {
            spec.get().map("thresholdMetric", METRIC_FIELDS).ifPresent(m -> source(m, queries, dataSources));
            indicator = threshold(sli, objective, owners);
        } else {
            indicator = spec.get().map("ratioMetric", RATIO_FIELDS).flatMap(ratio -> {
                ratio(ratio, queries, dataSources);
                thresholdFieldsUnused(objective);
                return ratioIndicator(sli, owners, ratio);
            });
        }
        Optional<String> transaction = transaction(sli, owners, queries, metricPath, metricNode);
        if (indicator.isEmpty() || transaction.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Mapped(transaction.get(), indicator.get(), List.copyOf(dataSources)));
    }

    private void ratio(MapReader ratio, List<Node> queries, Set<String> dataSources) {
        boolean raw = ratio.written("raw");
        boolean good = ratio.written("good");
        boolean bad = ratio.written("bad");
        if ((raw ? 1 : 0) + (good ? 1 : 0) + (bad ? 1 : 0) != 1) {
            ratio.context()
                    .error(
                            ratio.node(),
                            ratio.path(),
                            "a ratioMetric needs exactly one of good (with total), bad (with total) or raw "
                                    + "(with rawType)");
            return;
        }
        if (raw) {
            ratio.requiredString("rawType").ifPresent(type -> {
                if (!type.equals("success") && !type.equals("failure")) {
                    ratio.context()
                            .error(
                                    ratio.value("rawType").orElseThrow(),
                                    ratio.child("rawType"),
                                    "'" + type + "' is not a rawType; write success or failure");
                }
            });
        } else if (!ratio.written("total")) {
            ratio.missing("total");
        }
        for (String part : List.of("good", "bad", "total", "raw")) {
            ratio.map(part, METRIC_FIELDS).ifPresent(m -> source(m, queries, dataSources));
        }
    }

    private void source(MapReader metric, List<Node> queries, Set<String> dataSources) {
        Optional<MapReader> source =
                metric.has("metricSource") ? metric.map("metricSource", SOURCE_FIELDS) : metric.missing("metricSource");
        source.ifPresent(s -> {
            s.value("spec").ifPresent(queries::add);
            s.string("metricSourceRef")
                    .ifPresent(ref -> index.resolve(
                                    Conventions.OPENSLO_KIND_DATA_SOURCE,
                                    ref,
                                    s.context(),
                                    s.value("metricSourceRef").orElseThrow(),
                                    s.child("metricSourceRef"))
                            .ifPresent(dataSource -> dataSources.add(dataSource.name()
                                    + dataSourceType(dataSource)
                                            .map(t -> " (" + t + ")")
                                            .orElse(""))));
        });
    }

    private static Optional<String> dataSourceType(OpenSloDocument dataSource) {
        return dataSource.spec(DATA_SOURCE_FIELDS).flatMap(spec -> spec.requiredString("type"));
    }

    private Optional<Indicator> threshold(OpenSloDocument sli, MapReader objective, List<OpenSloDocument> owners) {
        Optional<String> op = objective.has("op") ? objective.string("op") : objective.missing("op");
        Optional<BigDecimal> value = objective.has("value") ? objective.number("value") : objective.missing("value");
        if (op.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        if (!op.get().equals("lt") && !op.get().equals("lte")) {
            objective
                    .context()
                    .error(
                            objective.value("op").orElseThrow(),
                            objective.child("op"),
                            "op '" + op.get() + "' cannot be mapped: a Concord latency SLO counts transactions "
                                    + "faster than a threshold, so write lt or lte");
            return Optional.empty();
        }
        String unit = tag(owners, Conventions.LABEL_THRESHOLD_UNIT).orElse("s");
        Optional<Duration> threshold = switch (unit) {
            case "ms" -> Optional.of(millis(value.get()));
            case "s" -> Optional.of(millis(value.get().movePointRight(3)));
            case "m" -> Optional.of(millis(value.get().multiply(BigDecimal.valueOf(60_000))));
            default -> Optional.empty();
        };
        if (threshold.isEmpty()) {
            sli.context()
                    .error(
                            sli.document().node(),
                            "metadata",
                            "annotation " + Conventions.LABEL_THRESHOLD_UNIT + " '" + unit
                                    + "' cannot be mapped; write ms, s or m");
        }
        return threshold.map(Indicator.Latency::new);
    }

    private static Duration millis(BigDecimal millis) {
        return Duration.ofMillis(
                millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    private static void thresholdFieldsUnused(MapReader objective) {
        for (String field : List.of("op", "value")) {
            objective
                    .value(field)
                    .ifPresent(node -> objective
                            .context()
                            .error(
                                    node,
                                    objective.child(field),
                                    field
                                            + " cannot be mapped: it applies to a thresholdMetric SLI, and this SLI has a "
                                            + "ratioMetric"));
        }
    }

    private static Optional<Indicator> ratioIndicator(
            OpenSloDocument sli, List<OpenSloDocument> owners, MapReader ratio) {
        Optional<String> probe = tag(owners, Conventions.LABEL_PROBE);
        if (probe.isPresent()) {
            return Optional.of(new Indicator.Probes(probe.get()));
        }
        Optional<String> latency = tag(owners, Conventions.LABEL_LATENCY_THRESHOLD);
        if (latency.isPresent()) {
            Optional<Duration> threshold = Durations.parse(latency.get());
            if (threshold.isEmpty()) {
                ratio.context()
                        .error(
                                sli.document().node(),
                                "metadata",
                                Conventions.LABEL_LATENCY_THRESHOLD + ": " + Durations.problem(latency.get()));
            }
            return threshold.map(Indicator.Latency::new);
        }
        return Optional.of(new Indicator.Availability());
    }

    private static Optional<String> transaction(
            OpenSloDocument sli, List<OpenSloDocument> owners, List<Node> queries, String metricPath, Node at) {
        Optional<String> tagged = tag(owners, Conventions.LABEL_TRANSACTION);
        if (tagged.isPresent()) {
            return tagged;
        }
        Set<String> named = new LinkedHashSet<>();
        queries.forEach(query -> scan(query, named));
        if (named.size() == 1) {
            return Optional.of(named.iterator().next());
        }
        sli.context()
                .error(
                        at,
                        metricPath,
                        named.isEmpty()
                                ? "cannot tell which Concord transaction this measures; add the annotation "
                                        + Conventions.LABEL_TRANSACTION + " to the SLO, SLI or Service, or a "
                                        + "business_transaction=\"NAME\" matcher to the metric source's query"
                                : "the queries name several transactions (" + String.join(", ", named)
                                        + "); name one with the annotation " + Conventions.LABEL_TRANSACTION);
        return Optional.empty();
    }

    /** The first of SLO, SLI and Service that carries the annotation or label: the most specific wins. */
    private static Optional<String> tag(List<OpenSloDocument> owners, String key) {
        for (OpenSloDocument owner : owners) {
            Optional<String> value = owner.tag(key);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static void scan(Node node, Set<String> named) {
        if (node instanceof ScalarNode scalar) {
            Matcher matcher = MATCHER.matcher(scalar.getValue());
            while (matcher.find()) {
                named.add(matcher.group(1));
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> scan(item, named));
        } else if (node instanceof MappingNode mapping) {
            mapping.getValue().forEach(tuple -> scan(tuple.getValueNode(), named));
        }
    }
}
