package dev.concord.rules.openslo;

import dev.concord.rules.Conventions;
import dev.concord.rules.model.Budgeting;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.SloWindow;
import dev.concord.rules.model.WindowPair;
import dev.concord.rules.model.WireName;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Numbers;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Writes SLOs as {@code concord.dev/v1} YAML that the loader reads back to the same records. */
final class ConcordYaml {

    private static final Dump DUMP = new Dump(DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(0)
            .setWidth(120)
            .build());

    private ConcordYaml() {}

    static String write(Slo slo, String comment) {
        return "# " + comment + "\n" + DUMP.dumpToString(document(slo));
    }

    private static Map<String, Object> document(Slo slo) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", slo.name());
        putIfAny(metadata, "labels", slo.metadata().labels());
        putIfAny(metadata, "annotations", slo.metadata().annotations());
        Map<String, Object> spec = new LinkedHashMap<>();
        if (!slo.description().isEmpty()) {
            spec.put("description", slo.description());
        }
        spec.put("transaction", slo.transaction());
        spec.put("indicator", indicator(slo.indicator()));
        spec.put("objective", number(slo.objectivePercent()));
        spec.put("window", window(slo.window()));
        spec.put("budgeting", budgeting(slo.budgeting()));
        if (!slo.groupBy().isEmpty()) {
            spec.put("groupBy", slo.groupBy().stream().map(WireName::of).toList());
        }
        Map<String, Object> alerting = new LinkedHashMap<>();
        alerting.put(
                "windows",
                slo.alerting().windowTable() != null
                        ? slo.alerting().windowTable()
                        : slo.alerting().windows().stream()
                                .map(ConcordYaml::pair)
                                .toList());
        if (slo.alerting().minEvents() > 0) {
            alerting.put("minEvents", slo.alerting().minEvents());
        }
        putIfAny(alerting, "labels", slo.alerting().labels());
        putIfAny(alerting, "annotations", slo.alerting().annotations());
        spec.put("alerting", alerting);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", Conventions.API_VERSION);
        document.put("kind", Conventions.KIND_SLO);
        document.put("metadata", metadata);
        document.put("spec", spec);
        return document;
    }

    private static Map<String, Object> indicator(Indicator indicator) {
        if (indicator instanceof Indicator.Latency latency) {
            return Map.of("latency", Map.of("threshold", Durations.format(latency.threshold())));
        }
        if (indicator instanceof Indicator.Probes probes) {
            return Map.of("probes", Map.of("probe", probes.probe()));
        }
        return Map.of("availability", Map.of());
    }

    private static Map<String, Object> window(SloWindow window) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (window instanceof SloWindow.CalendarMonth month) {
            out.put("calendar", "month");
            out.put("timeZone", month.timeZone().getId());
        } else {
            out.put("rolling", Durations.format(window.period()));
        }
        return out;
    }

    private static Object budgeting(Budgeting budgeting) {
        if (budgeting instanceof Budgeting.Timeslices slices) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("slice", Durations.format(slices.slice()));
            params.put("target", number(slices.target()));
            return Map.of("timeslices", params);
        }
        if (budgeting instanceof Budgeting.RatioTimeslices ratio) {
            return Map.of("ratioTimeslices", Map.of("slice", Durations.format(ratio.slice())));
        }
        return "occurrences";
    }

    private static Map<String, Object> pair(WindowPair pair) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("severity", WireName.of(pair.severity()));
        out.put("long", Durations.format(pair.longWindow()));
        out.put("short", Durations.format(pair.shortWindow()));
        if (pair.burnRate() != null) {
            out.put("burnRate", number(pair.burnRate()));
        } else {
            out.put("budget", Numbers.plain(pair.budgetShare().movePointRight(2)) + "%");
        }
        return out;
    }

    /** YAML has no decimal type: whole numbers are written as integers, others as their shortest decimal. */
    private static Object number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? (Object) stripped.longValueExact() : (Object) stripped.doubleValue();
    }

    private static void putIfAny(Map<String, Object> map, String key, Map<String, String> values) {
        if (!values.isEmpty()) {
            map.put(key, new TreeMap<>(values));
        }
    }
}
