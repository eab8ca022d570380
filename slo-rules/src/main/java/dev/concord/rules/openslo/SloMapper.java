package dev.concord.rules.openslo;

import dev.concord.rules.Conventions;
import dev.concord.rules.load.MapReader;
import dev.concord.rules.model.Alerting;
import dev.concord.rules.model.Budgeting;
import dev.concord.rules.model.Metadata;
import dev.concord.rules.model.Origin;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.SloWindow;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Numbers;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Maps one OpenSLO SLO onto Concord SLOs: one per objective, so a composite SLO becomes its components. */
final class SloMapper {

    static final String[] SLO_FIELDS = {
        "description",
        "service",
        "indicator",
        "indicatorRef",
        "timeWindow",
        "budgetingMethod",
        "objectives",
        "alertPolicies"
    };
    static final String[] OBJECTIVE_FIELDS = {
        "displayName",
        "op",
        "value",
        "target",
        "targetPercent",
        "timeSliceTarget",
        "timeSliceWindow",
        "indicator",
        "indicatorRef",
        "compositeWeight"
    };
    static final String[] WINDOW_FIELDS = {"duration", "isRolling", "calendar"};
    static final String[] CALENDAR_FIELDS = {"startTime", "timeZone"};
    static final String[] INLINE_SLI_FIELDS = {"apiVersion", "kind", "metadata", "spec"};

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final java.util.regex.Pattern MONTH_START =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-01([ T]00:00(:00)?)?");

    private final OpenSloIndex index;
    private final SliMapper slis;
    private final AlertPolicyMapper alerts;

    SloMapper(OpenSloIndex index) {
        this.index = index;
        this.slis = new SliMapper(index);
        this.alerts = new AlertPolicyMapper(index);
    }

    List<Slo> map(OpenSloDocument slo) {
        Optional<MapReader> read = slo.spec(SLO_FIELDS);
        if (read.isEmpty()) {
            return List.of();
        }
        MapReader spec = read.get();
        Optional<OpenSloDocument> service = spec.requiredString("service")
                .flatMap(name -> index.resolve(
                        Conventions.OPENSLO_KIND_SERVICE,
                        name,
                        spec.context(),
                        spec.value("service").orElseThrow(),
                        spec.child("service")));
        Optional<SloWindow> window = window(spec);
        Optional<String> method = spec.requiredString("budgetingMethod");
        Optional<AlertPolicyMapper.Mapped> alerting = alerts.map(spec);
        List<Node> objectives = spec.has("objectives")
                ? spec.list("objectives").orElse(List.of())
                : spec.<List<Node>>missing("objectives").orElse(List.of());
        if (objectives.isEmpty() && spec.has("objectives")) {
            spec.context().error(spec.value("objectives").orElseThrow(), spec.child("objectives"), "no objectives");
        }
        List<Slo> mapped = new ArrayList<>();
        boolean ok = service.isPresent() && window.isPresent() && alerting.isPresent();
        for (int i = 0; i < objectives.size(); i++) {
            String path = spec.child("objectives") + "[" + i + "]";
            Optional<MapReader> objective = spec.context().map(path, objectives.get(i), OBJECTIVE_FIELDS);
            Optional<Slo> one = objective.flatMap(
                    o -> objective(slo, spec, o, objectives.size(), service, window, method, alerting));
            one.ifPresent(mapped::add);
            ok &= one.isPresent();
        }
        return ok ? mapped : List.of();
    }

    private Optional<Slo> objective(
            OpenSloDocument slo,
            MapReader spec,
            MapReader objective,
            int objectiveCount,
            Optional<OpenSloDocument> service,
            Optional<SloWindow> window,
            Optional<String> method,
            Optional<AlertPolicyMapper.Mapped> alerting) {
        Optional<BigDecimal> percent = objectivePercent(objective);
        Optional<Budgeting> budgeting = method.flatMap(m -> budgeting(spec, objective, m));
        boolean ownIndicator = objective.written("indicator") || objective.written("indicatorRef");
        Optional<OpenSloDocument> sli = ownIndicator ? indicator(objective) : indicator(spec);
        Optional<SliMapper.Mapped> indicator =
                sli.flatMap(s -> service.flatMap(owner -> slis.map(s, objective, slo, Optional.of(owner))));
        if (percent.isEmpty() || budgeting.isEmpty() || indicator.isEmpty() || window.isEmpty() || alerting.isEmpty()) {
            return Optional.empty();
        }
        String displayName = objective.string("displayName").orElse("");
        String name = objectiveCount == 1 ? slo.name() : slo.name() + "-" + suffix(displayName, objective);

        Map<String, String> annotations = new LinkedHashMap<>(slo.annotations());
        annotations.put(
                Conventions.ANNOTATION_IMPORTED_FROM,
                slo.context().position(slo.document().node()).file());
        annotations.put(Conventions.ANNOTATION_OPENSLO_SERVICE, service.get().name());
        if (!indicator.get().dataSources().isEmpty()) {
            annotations.put(
                    Conventions.ANNOTATION_OPENSLO_DATA_SOURCE,
                    String.join(", ", indicator.get().dataSources()));
        }
        String title = !displayName.isEmpty() ? displayName : slo.displayName();
        if (!title.isEmpty()) {
            annotations.put(Conventions.ANNOTATION_DISPLAY_NAME, title);
        }
        if (objectiveCount > 1 && (ownIndicator || objective.written("compositeWeight"))) {
            annotations.put(Conventions.ANNOTATION_COMPOSITE_OF, slo.name());
            annotations.put(
                    Conventions.ANNOTATION_COMPOSITE_WEIGHT,
                    Numbers.plain(objective.number("compositeWeight").orElse(BigDecimal.ONE)));
        }
        Map<String, String> alertLabels = new LinkedHashMap<>();
        if (!alerting.get().targets().isEmpty()) {
            alertLabels.put(
                    Conventions.ALERT_LABEL_NOTIFICATION_TARGETS,
                    String.join(",", alerting.get().targets()));
        }
        Map<String, String> alertAnnotations =
                alerting.get().sendResolved() ? Map.of(Conventions.ALERT_ANNOTATION_SEND_RESOLVED, "true") : Map.of();
        Alerting concordAlerting = alerting.get().pairs().isEmpty()
                ? new Alerting(defaultTable(window.get()), List.of(), 0, alertLabels, alertAnnotations)
                : new Alerting(null, alerting.get().pairs(), 0, alertLabels, alertAnnotations);
        return Optional.of(new Slo(
                new Metadata(name, slo.labels(), annotations),
                spec.string("description").orElse(""),
                indicator.get().transaction(),
                indicator.get().indicator(),
                percent.get(),
                window.get(),
                budgeting.get(),
                List.of(),
                concordAlerting,
                new Origin(slo.context().position(slo.document().node()), Map.of())));
    }

    private static String suffix(String displayName, MapReader objective) {
        String slug = displayName
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        if (!slug.isEmpty()) {
            return slug;
        }
        String path = objective.path();
        return String.valueOf(Integer.parseInt(path.substring(path.lastIndexOf('[') + 1, path.length() - 1)) + 1);
    }

    private static String defaultTable(SloWindow window) {
        return window.period().equals(Duration.ofDays(28))
                ? Conventions.WINDOWS_GOOGLE_28D
                : Conventions.WINDOWS_GOOGLE_30D;
    }

    private static Optional<BigDecimal> objectivePercent(MapReader objective) {
        List<String> given = objective.writtenAmong("target", "targetPercent");
        if (given.size() != 1) {
            objective
                    .context()
                    .error(
                            objective.node(),
                            objective.path(),
                            "an objective needs exactly one of target (a fraction, e.g. 0.999) or targetPercent "
                                    + "(e.g. 99.9)");
            return Optional.empty();
        }
        if (given.contains("target")) {
            return objective.number("target").flatMap(target -> {
                if (target.signum() <= 0 || target.compareTo(BigDecimal.ONE) >= 0) {
                    String hint = target.compareTo(BigDecimal.ONE) >= 0 && target.compareTo(HUNDRED) < 0
                            ? "; did you mean targetPercent: " + Numbers.plain(target) + "?"
                            : "";
                    objective
                            .context()
                            .error(
                                    objective.value("target").orElseThrow(),
                                    objective.child("target"),
                                    Numbers.plain(target) + " is outside (0, 1)" + hint);
                    return Optional.empty();
                }
                return Optional.of(target.movePointRight(2).stripTrailingZeros());
            });
        }
        return objective.number("targetPercent").flatMap(percent -> {
            if (percent.signum() <= 0 || percent.compareTo(HUNDRED) >= 0) {
                objective
                        .context()
                        .error(
                                objective.value("targetPercent").orElseThrow(),
                                objective.child("targetPercent"),
                                Numbers.plain(percent) + " is outside (0, 100)");
                return Optional.empty();
            }
            return Optional.of(percent);
        });
    }

    private static Optional<Budgeting> budgeting(MapReader spec, MapReader objective, String method) {
        Optional<Duration> slice = objective.duration("timeSliceWindow");
        Optional<BigDecimal> target = objective.number("timeSliceTarget");
        switch (method) {
            case "Occurrences" -> {
                unused(objective, "timeSliceWindow", method);
                unused(objective, "timeSliceTarget", method);
                return Optional.of(new Budgeting.Occurrences());
            }
            case "Timeslices" -> {
                if (!objective.has("timeSliceWindow")) {
                    objective.missing("timeSliceWindow");
                }
                if (!objective.has("timeSliceTarget")) {
                    objective.missing("timeSliceTarget");
                }
                return slice.isPresent() && target.isPresent()
                        ? Optional.of(new Budgeting.Timeslices(slice.get(), target.get()))
                        : Optional.empty();
            }
            case "RatioTimeslices" -> {
                unused(objective, "timeSliceTarget", method);
                if (!objective.has("timeSliceWindow")) {
                    objective.missing("timeSliceWindow");
                }
                return slice.map(Budgeting.RatioTimeslices::new);
            }
            default -> {
                spec.context()
                        .error(
                                spec.value("budgetingMethod").orElseThrow(),
                                spec.child("budgetingMethod"),
                                "'" + method + "' is not a budgeting method; write Occurrences, Timeslices or "
                                        + "RatioTimeslices");
                return Optional.empty();
            }
        }
    }

    private static void unused(MapReader objective, String field, String method) {
        objective
                .value(field)
                .ifPresent(node -> objective
                        .context()
                        .error(
                                node,
                                objective.child(field),
                                field + " cannot be mapped: " + method + " budgeting has none"));
    }

    private Optional<OpenSloDocument> indicator(MapReader owner) {
        List<String> given = owner.writtenAmong("indicator", "indicatorRef");
        if (given.size() != 1) {
            owner.context()
                    .error(
                            owner.node(),
                            owner.path(),
                            "needs exactly one of indicator (an inline SLI) or indicatorRef (an SLI's name), here "
                                    + "or on each objective");
            return Optional.empty();
        }
        if (given.contains("indicatorRef")) {
            return owner.string("indicatorRef")
                    .flatMap(name -> index.resolve(
                            Conventions.OPENSLO_KIND_SLI,
                            name,
                            owner.context(),
                            owner.value("indicatorRef").orElseThrow(),
                            owner.child("indicatorRef")));
        }
        return owner.map("indicator", INLINE_SLI_FIELDS)
                .flatMap(inline -> OpenSloDocument.read(inline, Conventions.OPENSLO_KIND_SLI));
    }

    private static Optional<SloWindow> window(MapReader spec) {
        if (!spec.has("timeWindow")) {
            return spec.missing("timeWindow");
        }
        return spec.list("timeWindow").flatMap(items -> {
            if (items.size() != 1) {
                spec.context()
                        .error(
                                spec.value("timeWindow").orElseThrow(),
                                spec.child("timeWindow"),
                                items.size() + " time windows cannot be mapped; a Concord SLO has exactly one");
                return Optional.empty();
            }
            return spec.context()
                    .map(spec.child("timeWindow") + "[0]", items.get(0), WINDOW_FIELDS)
                    .flatMap(SloMapper::timeWindow);
        });
    }

    private static Optional<SloWindow> timeWindow(MapReader window) {
        Optional<String> duration = window.requiredString("duration");
        boolean rolling = window.bool("isRolling").orElse(false);
        if (duration.isEmpty()) {
            return Optional.empty();
        }
        Node at = window.value("duration").orElseThrow();
        if (rolling) {
            Optional<Duration> length = Durations.parse(duration.get());
            if (length.isEmpty()) {
                window.context()
                        .error(
                                at,
                                window.child("duration"),
                                "rolling " + duration.get() + " cannot be mapped; a Concord rolling window has a fixed "
                                        + "length such as 28d or 30d");
            }
            window.value("calendar")
                    .ifPresent(node -> window.context()
                            .error(node, window.child("calendar"), "a rolling window has no calendar; remove it"));
            return length.map(SloWindow.Rolling::new);
        }
        if (!duration.get().equals("1M")) {
            window.context()
                    .error(
                            at,
                            window.child("duration"),
                            "calendar window " + duration.get() + " cannot be mapped; Concord's calendar window is "
                                    + "one month (1M)");
            return Optional.empty();
        }
        Optional<MapReader> calendar = window.map("calendar", CALENDAR_FIELDS);
        Optional<String> start = calendar.flatMap(c -> c.string("startTime"));
        if (start.isPresent() && !MONTH_START.matcher(start.get()).matches()) {
            MapReader c = calendar.orElseThrow();
            c.context()
                    .error(
                            c.value("startTime").orElseThrow(),
                            c.child("startTime"),
                            "startTime '" + start.get() + "' cannot be mapped: Concord's months start on the 1st at "
                                    + "midnight in the time zone");
            return Optional.empty();
        }
        Optional<String> zone = calendar.flatMap(c -> c.string("timeZone"));
        if (zone.isEmpty()) {
            return Optional.of(new SloWindow.CalendarMonth(ZoneOffset.UTC));
        }
        try {
            return Optional.of(new SloWindow.CalendarMonth(ZoneId.of(zone.get())));
        } catch (DateTimeException e) {
            MapReader c = calendar.orElseThrow();
            c.context()
                    .error(
                            c.value("timeZone").orElseThrow(),
                            c.child("timeZone"),
                            "unknown time zone '" + zone.get() + "'");
            return Optional.empty();
        }
    }
}
