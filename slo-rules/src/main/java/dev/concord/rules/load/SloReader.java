package dev.concord.rules.load;

import dev.concord.rules.Conventions;
import dev.concord.rules.model.Alerting;
import dev.concord.rules.model.Budgeting;
import dev.concord.rules.model.GroupBy;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.model.Metadata;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.SloWindow;
import dev.concord.rules.model.WindowPair;
import dev.concord.rules.text.Suggestions;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

final class SloReader {

    static final String[] FIELDS = {
        "description", "transaction", "indicator", "objective", "window", "budgeting", "groupBy", "alerting"
    };

    static final String CALENDAR_MONTH = "month";
    static final String OCCURRENCES = "occurrences";

    private SloReader() {}

    static Slo read(Metadata metadata, MapReader spec) {
        String transaction = spec.requiredString("transaction").orElse(null);
        Indicator indicator = spec.has("indicator")
                ? spec.map("indicator", "availability", "latency", "probes")
                        .flatMap(SloReader::indicator)
                        .orElse(null)
                : spec.<Indicator>missing("indicator").orElse(null);
        var objective = spec.requiredNumber("objective").orElse(null);
        SloWindow window = spec.has("window")
                ? spec.map("window", "rolling", "calendar", "timeZone")
                        .flatMap(SloReader::window)
                        .orElse(null)
                : spec.<SloWindow>missing("window").orElse(null);
        Budgeting budgeting = spec.value("budgeting")
                .flatMap(node -> budgeting(spec.context(), spec.child("budgeting"), node))
                .orElse(spec.has("budgeting") ? null : new Budgeting.Occurrences());
        List<GroupBy> groupBy = spec.choices("groupBy", GroupBy.class, "groupBy dimension");
        Alerting alerting = spec.map("alerting", "windows", "minEvents", "labels", "annotations")
                .map(a -> alerting(a, window))
                .orElseGet(() -> new Alerting(defaultTable(window), List.of(), 0, Map.of(), Map.of()));
        return new Slo(
                metadata,
                spec.string("description").orElse(""),
                transaction,
                indicator,
                objective,
                window,
                budgeting,
                groupBy,
                alerting,
                spec.context().origin());
    }

    private static Optional<Indicator> indicator(MapReader indicator) {
        List<String> given = indicator.writtenAmong("availability", "latency", "probes");
        if (given.size() != 1) {
            indicator
                    .context()
                    .error(
                            indicator.node(),
                            indicator.path(),
                            "an indicator needs exactly one of availability, latency or probes; found "
                                    + (given.isEmpty() ? "none" : String.join(" and ", given)));
            return Optional.empty();
        }
        return switch (given.get(0)) {
            case "availability" -> {
                indicator.map("availability");
                yield Optional.of(new Indicator.Availability());
            }
            case "latency" ->
                indicator
                        .map("latency", "threshold")
                        .flatMap(l -> l.requiredDuration("threshold"))
                        .map(Indicator.Latency::new);
            default ->
                indicator
                        .map("probes", "probe")
                        .flatMap(p -> p.requiredString("probe"))
                        .map(Indicator.Probes::new);
        };
    }

    private static Optional<SloWindow> window(MapReader window) {
        List<String> given = window.writtenAmong("rolling", "calendar");
        if (given.size() != 1) {
            window.context()
                    .error(
                            window.node(),
                            window.path(),
                            "a window needs exactly one of rolling (e.g. {rolling: 30d}) or calendar "
                                    + "(e.g. {calendar: month, timeZone: Europe/Berlin})");
            return Optional.empty();
        }
        if (given.contains("rolling")) {
            if (window.written("timeZone")) {
                window.context()
                        .error(
                                window.value("timeZone").orElse(window.node()),
                                window.child("timeZone"),
                                "a rolling window has no time zone; only calendar windows do");
            }
            return window.requiredDuration("rolling").map(SloWindow.Rolling::new);
        }
        Optional<String> calendar = window.requiredString("calendar");
        if (calendar.isPresent() && !calendar.get().equals(CALENDAR_MONTH)) {
            window.context()
                    .error(
                            window.value("calendar").orElseThrow(),
                            window.child("calendar"),
                            "calendar '" + calendar.get() + "' is not supported; the only calendar window is month");
            return Optional.empty();
        }
        Optional<ZoneId> zone = window.string("timeZone").map(text -> zone(window, text));
        if (calendar.isEmpty() || (window.has("timeZone") && zone.orElse(null) == null)) {
            return Optional.empty();
        }
        return Optional.of(new SloWindow.CalendarMonth(zone.orElse(ZoneOffset.UTC)));
    }

    private static ZoneId zone(MapReader window, String text) {
        try {
            return ZoneId.of(text);
        } catch (java.time.DateTimeException e) {
            window.context()
                    .error(
                            window.value("timeZone").orElseThrow(),
                            window.child("timeZone"),
                            "unknown time zone '" + text + "'"
                                    + Suggestions.nearest(text, ZoneId.getAvailableZoneIds())
                                            .map(near -> "; did you mean '" + near + "'?")
                                            .orElse("; use an IANA name such as Europe/Berlin or UTC"));
            return null;
        }
    }

    static Optional<Budgeting> budgeting(DocumentContext context, String path, Node node) {
        if (!(node instanceof MappingNode)) {
            return context.string(path, node).flatMap(text -> {
                if (text.equals(OCCURRENCES)) {
                    return Optional.of(new Budgeting.Occurrences());
                }
                context.error(
                        node,
                        path,
                        "'" + text + "' is not a budgeting method; write occurrences, "
                                + "{timeslices: {slice: 1m, target: 0.95}} or {ratioTimeslices: {slice: 1m}}");
                return Optional.empty();
            });
        }
        return context.map(path, node, "timeslices", "ratioTimeslices").flatMap(budgeting -> {
            List<String> given = budgeting.writtenAmong("timeslices", "ratioTimeslices");
            if (given.size() != 1) {
                context.error(node, path, "budgeting needs exactly one of timeslices or ratioTimeslices");
                return Optional.empty();
            }
            if (given.contains("timeslices")) {
                return budgeting.map("timeslices", "slice", "target").flatMap(t -> {
                    Optional<Duration> slice = t.requiredDuration("slice");
                    var target = t.requiredNumber("target");
                    return slice.isPresent() && target.isPresent()
                            ? Optional.of(new Budgeting.Timeslices(slice.get(), target.get()))
                            : Optional.empty();
                });
            }
            return budgeting
                    .map("ratioTimeslices", "slice")
                    .flatMap(r -> r.requiredDuration("slice"))
                    .map(Budgeting.RatioTimeslices::new);
        });
    }

    private static Alerting alerting(MapReader alerting, SloWindow window) {
        String table = null;
        List<WindowPair> pairs = List.of();
        Optional<Node> windows = alerting.value("windows");
        if (windows.isEmpty()) {
            table = defaultTable(window);
        } else if (windows.get() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
            pairs = WindowPairReader.readAll(alerting.context(), alerting.child("windows"), windows.get());
        } else {
            table = alerting.string("windows").orElse(null);
        }
        long minEvents = alerting.integer("minEvents").orElse(0L);
        return new Alerting(table, pairs, minEvents, alerting.stringMap("labels"), alerting.stringMap("annotations"));
    }

    /** The Google table made for the SLO's period: 28 days gets google-28d, anything else google-30d. */
    private static String defaultTable(SloWindow window) {
        return window != null && window.period().equals(Duration.ofDays(28))
                ? Conventions.WINDOWS_GOOGLE_28D
                : Conventions.WINDOWS_GOOGLE_30D;
    }
}
