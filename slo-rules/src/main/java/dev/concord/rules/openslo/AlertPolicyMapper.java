package dev.concord.rules.openslo;

import dev.concord.rules.Conventions;
import dev.concord.rules.load.MapReader;
import dev.concord.rules.model.AlertSeverity;
import dev.concord.rules.model.WindowPair;
import dev.concord.rules.text.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Maps OpenSLO alert policies onto Concord window pairs. A burn-rate condition's threshold is the pair's burn rate
 * and its lookback window the long window; its {@code alertAfter}, the time the burn must last, becomes the short
 * window, which checks the same thing; without it the short window is a twelfth of the long one, as in the SRE
 * workbook's tables.
 */
final class AlertPolicyMapper {

    static final String[] POLICY_FIELDS = {
        "description", "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching", "conditions", "notificationTargets"
    };
    static final String[] CONDITION_SPEC_FIELDS = {"description", "severity", "condition"};
    static final String[] CONDITION_FIELDS = {"kind", "op", "threshold", "lookbackWindow", "alertAfter"};
    static final String[] TARGET_SPEC_FIELDS = {"description", "target"};

    /** OpenSLO leaves severity free-form; these are the words that mean a page or a ticket. */
    static final Map<String, AlertSeverity> SEVERITIES = Map.of(
            "page", AlertSeverity.PAGE,
            "critical", AlertSeverity.PAGE,
            "high", AlertSeverity.PAGE,
            "ticket", AlertSeverity.TICKET,
            "warning", AlertSeverity.TICKET,
            "medium", AlertSeverity.TICKET,
            "low", AlertSeverity.TICKET,
            "info", AlertSeverity.TICKET);

    private static final int SHORT_WINDOW_DIVISOR = 12;

    /** What an SLO's alert policies add up to. */
    record Mapped(List<WindowPair> pairs, Set<String> targets, boolean sendResolved) {}

    private final OpenSloIndex index;

    AlertPolicyMapper(OpenSloIndex index) {
        this.index = index;
    }

    /** The SLO's {@code alertPolicies}: references by {@code alertPolicyRef} or inline policies. */
    Optional<Mapped> map(MapReader sloSpec) {
        List<WindowPair> pairs = new ArrayList<>();
        Set<String> targets = new LinkedHashSet<>();
        boolean[] sendResolved = {false};
        boolean[] failed = {false};
        sloSpec.list("alertPolicies").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                String path = sloSpec.child("alertPolicies") + "[" + i + "]";
                Optional<OpenSloDocument> policy = referenceOrInline(
                        sloSpec, path, items.get(i), "alertPolicyRef", Conventions.OPENSLO_KIND_ALERT_POLICY);
                Optional<Boolean> mapped = policy.flatMap(p -> policy(p, pairs, targets));
                if (mapped.isEmpty()) {
                    failed[0] = true;
                } else {
                    sendResolved[0] |= mapped.get();
                }
            }
        });
        return failed[0] ? Optional.empty() : Optional.of(new Mapped(pairs, targets, sendResolved[0]));
    }

    /** Maps one policy; the result says whether it asked for resolved notifications. */
    private Optional<Boolean> policy(OpenSloDocument policy, List<WindowPair> pairs, Set<String> targets) {
        return policy.spec(POLICY_FIELDS).flatMap(spec -> {
            boolean ok = true;
            if (spec.bool("alertWhenNoData").orElse(false)) {
                spec.context()
                        .error(
                                spec.value("alertWhenNoData").orElseThrow(),
                                spec.child("alertWhenNoData"),
                                "alertWhenNoData: true cannot be mapped: Concord does not alert on missing data; "
                                        + "its low-traffic guard is alerting.minEvents");
                ok = false;
            }
            if (!spec.bool("alertWhenBreaching").orElse(true)) {
                spec.context()
                        .error(
                                spec.value("alertWhenBreaching").orElseThrow(),
                                spec.child("alertWhenBreaching"),
                                "alertWhenBreaching: false cannot be mapped: a Concord alert fires while the budget "
                                        + "burns");
                ok = false;
            }
            List<Node> conditions = spec.has("conditions")
                    ? spec.list("conditions").orElse(List.of())
                    : spec.<List<Node>>missing("conditions").orElse(List.of());
            for (int i = 0; i < conditions.size(); i++) {
                String path = spec.child("conditions") + "[" + i + "]";
                Optional<WindowPair> pair = referenceOrInline(
                                spec, path, conditions.get(i), "conditionRef", Conventions.OPENSLO_KIND_ALERT_CONDITION)
                        .flatMap(this::condition);
                if (pair.isPresent()) {
                    pairs.add(pair.get());
                } else {
                    ok = false;
                }
            }
            List<Node> notificationTargets = spec.list("notificationTargets").orElse(List.of());
            for (int i = 0; i < notificationTargets.size(); i++) {
                String path = spec.child("notificationTargets") + "[" + i + "]";
                Optional<OpenSloDocument> target = referenceOrInline(
                        spec,
                        path,
                        notificationTargets.get(i),
                        "targetRef",
                        Conventions.OPENSLO_KIND_ALERT_NOTIFICATION_TARGET);
                target.flatMap(t -> t.spec(TARGET_SPEC_FIELDS))
                        .flatMap(t -> t.requiredString("target"))
                        .ifPresent(t -> targets.add(target.get().name()));
                if (target.isEmpty()) {
                    ok = false;
                }
            }
            return ok ? Optional.of(spec.bool("alertWhenResolved").orElse(false)) : Optional.empty();
        });
    }

    private Optional<WindowPair> condition(OpenSloDocument condition) {
        return condition.spec(CONDITION_SPEC_FIELDS).flatMap(spec -> {
            Optional<AlertSeverity> severity = spec.requiredString("severity").flatMap(text -> {
                AlertSeverity mapped = SEVERITIES.get(text.toLowerCase(java.util.Locale.ROOT));
                if (mapped == null) {
                    spec.context()
                            .error(
                                    spec.value("severity").orElseThrow(),
                                    spec.child("severity"),
                                    "severity '" + text + "' cannot be mapped; page is one of page, critical, high "
                                            + "and ticket one of ticket, warning, medium, low, info");
                }
                return Optional.ofNullable(mapped);
            });
            Optional<MapReader> burn =
                    spec.has("condition") ? spec.map("condition", CONDITION_FIELDS) : spec.missing("condition");
            return burn.flatMap(c -> burnRate(c, severity));
        });
    }

    private static Optional<WindowPair> burnRate(MapReader condition, Optional<AlertSeverity> severity) {
        Optional<String> kind = condition.requiredString("kind");
        if (kind.isPresent() && !kind.get().equals("burnrate")) {
            condition
                    .context()
                    .error(
                            condition.value("kind").orElseThrow(),
                            condition.child("kind"),
                            "condition kind '" + kind.get() + "' cannot be mapped; Concord alerts on burnrate");
            return Optional.empty();
        }
        Optional<String> op = condition.requiredString("op");
        if (op.isPresent() && !op.get().equals("gte") && !op.get().equals("gt")) {
            condition
                    .context()
                    .error(
                            condition.value("op").orElseThrow(),
                            condition.child("op"),
                            "op '" + op.get() + "' cannot be mapped: a burn-rate alert fires above its threshold, "
                                    + "so write gt or gte");
            return Optional.empty();
        }
        Optional<BigDecimal> threshold = condition.requiredNumber("threshold");
        Optional<Duration> lookback = condition.requiredDuration("lookbackWindow");
        Optional<Duration> alertAfter = condition.duration("alertAfter");
        if (severity.isEmpty() || threshold.isEmpty() || lookback.isEmpty() || op.isEmpty()) {
            return Optional.empty();
        }
        if (condition.has("alertAfter") && alertAfter.isEmpty()) {
            return Optional.empty();
        }
        Duration shortWindow = alertAfter.orElse(lookback.get().dividedBy(SHORT_WINDOW_DIVISOR));
        if (shortWindow.compareTo(lookback.get()) >= 0) {
            condition
                    .context()
                    .error(
                            condition.value("alertAfter").orElseThrow(),
                            condition.child("alertAfter"),
                            "alertAfter " + Durations.format(shortWindow) + " cannot be mapped: it becomes the short "
                                    + "window, which must be shorter than lookbackWindow "
                                    + Durations.format(lookback.get()));
            return Optional.empty();
        }
        return Optional.of(new WindowPair(severity.get(), lookback.get(), shortWindow, null, threshold.get()));
    }

    /**
     * An item that is either {@code {REF_FIELD: name}}, resolved across files, or an inline object of the kind
     * ({@code kind}, {@code metadata}, {@code spec}).
     */
    private Optional<OpenSloDocument> referenceOrInline(
            MapReader parent, String path, Node item, String refField, String kind) {
        if (item instanceof org.snakeyaml.engine.v2.nodes.MappingNode mapping
                && mapping.getValue().stream()
                        .anyMatch(t -> t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode key
                                && key.getValue().equals(refField))) {
            return parent.context()
                    .map(path, item, refField)
                    .flatMap(ref -> ref.requiredString(refField)
                            .flatMap(name -> index.resolve(
                                    kind,
                                    name,
                                    ref.context(),
                                    ref.value(refField).orElseThrow(),
                                    ref.child(refField))));
        }
        return parent.context().map(path, item, OpenSloDocument.TOP_FIELDS).flatMap(inline -> {
            inline.string("kind")
                    .filter(k -> !k.equals(kind))
                    .ifPresent(k -> inline.context()
                            .error(
                                    inline.value("kind").orElseThrow(),
                                    inline.child("kind"),
                                    "expected an inline " + kind + " or " + refField + "; found kind " + k));
            return OpenSloDocument.read(inline, kind);
        });
    }
}
