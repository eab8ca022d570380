package dev.concord.rules.explain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concord.rules.Conventions;
import dev.concord.rules.burn.BurnRates;
import dev.concord.rules.model.Budgeting;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.SloWindow;
import dev.concord.rules.model.WireName;
import dev.concord.rules.text.Durations;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The explanation for programs and golden files. Durations are written as rule files write them; burn rates are
 * rounded as published (three decimals), ratios to four significant digits; maps are sorted so output is stable.
 */
public final class JsonReport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);

    private JsonReport() {}

    public static String render(List<SloExplanation> explanations) {
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", Conventions.API_VERSION);
        ArrayNode slos = root.putArray("slos");
        explanations.forEach(e -> slos.add(slo(e)));
        try {
            DefaultIndenter newlines = new DefaultIndenter("  ", "\n");
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter();
            pretty.indentArraysWith(newlines);
            pretty.indentObjectsWith(newlines);
            pretty = pretty.withSeparators(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            return MAPPER.writer(pretty).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode slo(SloExplanation e) {
        Slo slo = e.slo();
        ObjectNode node = NODES.objectNode();
        node.put("name", slo.name());
        node.put("transaction", slo.transaction());
        node.set("indicator", indicator(slo.indicator()));
        node.put("objectivePercent", slo.objectivePercent().stripTrailingZeros());
        node.set("window", window(slo.window()));
        node.put("period", Durations.format(e.period()));
        node.set("budgeting", budgeting(slo.budgeting()));
        ArrayNode groupBy = node.putArray("groupBy");
        slo.groupBy().forEach(g -> groupBy.add(WireName.of(g)));
        ObjectNode budget = node.putObject("budget");
        budget.put("errorRatio", e.errorRatio());
        budget.put("fullOutage", Durations.format(e.fullOutage()));
        ObjectNode alerting = node.putObject("alerting");
        alerting.put("windows", e.windowSource());
        alerting.put("minEvents", slo.alerting().minEvents());
        alerting.set("labels", sorted(slo.alerting().labels()));
        alerting.set("annotations", sorted(slo.alerting().annotations()));
        ArrayNode windows = node.putArray("windows");
        for (BurnWindow w : e.windows()) {
            ObjectNode window = windows.addObject();
            window.put("severity", WireName.of(w.severity()));
            window.put("long", Durations.format(w.longWindow()));
            window.put("short", Durations.format(w.shortWindow()));
            window.put("burnRate", BurnRates.publishedFactor(w.burnRate()));
            window.put("errorRatioThreshold", BurnRates.significant(w.errorRatioThreshold()));
            window.put("budgetSpent", BurnRates.significant(w.budgetSpent()));
            window.put("timeToExhaust", Durations.format(w.timeToExhaust()));
        }
        return node;
    }

    private static ObjectNode indicator(Indicator indicator) {
        ObjectNode node = NODES.objectNode();
        if (indicator instanceof Indicator.Latency latency) {
            node.put("type", "latency").put("threshold", Durations.format(latency.threshold()));
        } else if (indicator instanceof Indicator.Probes probes) {
            node.put("type", "probes").put("probe", probes.probe());
        } else {
            node.put("type", "availability");
        }
        return node;
    }

    private static ObjectNode window(SloWindow window) {
        ObjectNode node = NODES.objectNode();
        if (window instanceof SloWindow.CalendarMonth month) {
            node.put("type", "calendar")
                    .put("calendar", "month")
                    .put("timeZone", month.timeZone().getId());
        } else {
            node.put("type", "rolling").put("length", Durations.format(window.period()));
        }
        return node;
    }

    private static ObjectNode budgeting(Budgeting budgeting) {
        ObjectNode node = NODES.objectNode();
        if (budgeting instanceof Budgeting.Timeslices slices) {
            node.put("type", "timeslices")
                    .put("slice", Durations.format(slices.slice()))
                    .put("target", slices.target().stripTrailingZeros());
        } else if (budgeting instanceof Budgeting.RatioTimeslices ratio) {
            node.put("type", "ratioTimeslices").put("slice", Durations.format(ratio.slice()));
        } else {
            node.put("type", "occurrences");
        }
        return node;
    }

    private static ObjectNode sorted(Map<String, String> values) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(values).forEach(node::put);
        return node;
    }
}
