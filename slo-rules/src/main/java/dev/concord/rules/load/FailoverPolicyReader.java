package dev.concord.rules.load;

import dev.concord.rules.model.AlertSeverity;
import dev.concord.rules.model.FailoverPolicy;
import dev.concord.rules.model.FailoverPolicy.Clouds;
import dev.concord.rules.model.FailoverPolicy.Confirmation;
import dev.concord.rules.model.FailoverPolicy.Judgement;
import dev.concord.rules.model.FailoverPolicy.Quorum;
import dev.concord.rules.model.FailoverPolicy.Replay;
import dev.concord.rules.model.FailoverPolicy.ReplicationLag;
import dev.concord.rules.model.FailoverPolicy.Timing;
import dev.concord.rules.model.FailoverPolicy.Vetoes;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Layer;
import dev.concord.rules.model.Metadata;
import dev.concord.rules.model.Scope;
import dev.concord.rules.model.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class FailoverPolicyReader {

    static final String[] FIELDS = {
        "description",
        "layer",
        "pattern",
        "clouds",
        "scopes",
        "signals",
        "quorum",
        "vetoes",
        "confirmation",
        "timing",
        "judgement",
        "replay"
    };

    private FailoverPolicyReader() {}

    static FailoverPolicy read(Metadata metadata, MapReader spec) {
        Layer layer = spec.requiredChoice("layer", Layer.class, "layer").orElse(null);
        HaPattern pattern =
                spec.requiredChoice("pattern", HaPattern.class, "pattern").orElse(null);
        Clouds clouds = (spec.has("clouds")
                        ? spec.map("clouds", "primary", "secondary")
                        : spec.<MapReader>missing("clouds"))
                .flatMap(c -> {
                    Optional<String> primary = c.requiredString("primary");
                    Optional<String> secondary = c.requiredString("secondary");
                    return primary.isPresent() && secondary.isPresent()
                            ? Optional.of(new Clouds(primary.get(), secondary.get()))
                            : Optional.empty();
                })
                .orElse(null);
        // the widest move is the one every layer supports; narrower ones must be asked for
        List<Scope> scopes = spec.has("scopes") ? spec.choices("scopes", Scope.class, "scope") : List.of(Scope.CLOUD);
        Signals signals = (spec.has("signals")
                        ? spec.map("signals", Signals.FAMILIES.toArray(String[]::new))
                        : spec.<MapReader>missing("signals"))
                .map(SignalsReader::read)
                .orElse(null);
        Quorum quorum = (spec.has("quorum") ? spec.map("quorum", "atLeast") : spec.<MapReader>missing("quorum"))
                .flatMap(q -> q.has("atLeast") ? q.integer("atLeast") : q.missing("atLeast"))
                .map(k -> new Quorum(k.intValue()))
                .orElse(null);
        Vetoes vetoes = spec.map("vetoes", "replicationLag", "targetDegraded", "releaseCorrelation")
                .map(FailoverPolicyReader::vetoes)
                .orElse(Vetoes.NONE);
        Confirmation confirmation = spec.map("confirmation", "required")
                .map(c -> new Confirmation(c.bool("required").orElse(false)))
                .orElse(new Confirmation(false));
        Timing timing = spec.map("timing", "for", "cooldown", "stableBeforeFailback")
                .map(t -> new Timing(
                        t.duration("for").orElse(Timing.DEFAULT.forDuration()),
                        t.duration("cooldown").orElse(Timing.DEFAULT.cooldown()),
                        t.duration("stableBeforeFailback").orElse(Timing.DEFAULT.stableBeforeFailback())))
                .orElse(Timing.DEFAULT);
        Judgement judgement = spec.map(
                        "judgement",
                        "confidence",
                        "minSamples",
                        "minRunsPerVantagePoint",
                        "window",
                        "maxWindow",
                        "baseline")
                .map(j -> new Judgement(
                        j.number("confidence").orElse(Judgement.DEFAULT.confidence()),
                        j.integer("minSamples").map(Long::intValue).orElse(Judgement.DEFAULT.minSamples()),
                        j.integer("minRunsPerVantagePoint")
                                .map(Long::intValue)
                                .orElse(Judgement.DEFAULT.minRunsPerVantagePoint()),
                        j.duration("window").orElse(Judgement.DEFAULT.window()),
                        j.duration("maxWindow").orElse(Judgement.DEFAULT.maxWindow()),
                        j.duration("baseline").orElse(Judgement.DEFAULT.baseline())))
                .orElse(Judgement.DEFAULT);
        Replay replay = spec.map("replay", "maxAge")
                .flatMap(r -> r.requiredDuration("maxAge"))
                .map(Replay::new)
                .orElse(null);
        return new FailoverPolicy(
                metadata,
                spec.string("description").orElse(""),
                layer,
                pattern,
                clouds,
                scopes,
                signals,
                quorum,
                vetoes,
                confirmation,
                timing,
                judgement,
                replay,
                spec.context().origin());
    }

    private static Vetoes vetoes(MapReader vetoes) {
        ReplicationLag lag = vetoes.map("replicationLag", "guard", "rpo")
                .flatMap(r -> {
                    Optional<String> guard = r.requiredString("guard");
                    var rpo = r.requiredDuration("rpo");
                    return guard.isPresent() && rpo.isPresent()
                            ? Optional.of(new ReplicationLag(guard.get(), rpo.get()))
                            : Optional.empty();
                })
                .orElse(null);
        return new Vetoes(
                lag,
                vetoes.bool("targetDegraded").orElse(false),
                vetoes.bool("releaseCorrelation").orElse(false));
    }

    /** The signal families; each defaults what it can so that short policies stay short. */
    private static final class SignalsReader {

        static final int DEFAULT_MIN_VANTAGE_POINTS = 2;
        static final java.math.BigDecimal DEFAULT_MIN_FAILING_FRACTION = new java.math.BigDecimal("0.5");

        static Signals read(MapReader signals) {
            return new Signals(
                    signals.map(Signals.TRACE_SLO, "slos", "severity")
                            .flatMap(t -> t.requiredStrings("slos")
                                    .map(slos -> new Signals.TraceSlo(
                                            slos,
                                            t.choice("severity", AlertSeverity.class, "severity")
                                                    .orElse(AlertSeverity.PAGE))))
                            .orElse(null),
                    signals.map(Signals.PROBES, "probe", "minVantagePoints", "minFailingFraction")
                            .flatMap(p -> p.requiredString("probe")
                                    .map(probe -> new Signals.Probes(
                                            probe,
                                            p.integer("minVantagePoints")
                                                    .map(Long::intValue)
                                                    .orElse(DEFAULT_MIN_VANTAGE_POINTS),
                                            p.number("minFailingFraction").orElse(DEFAULT_MIN_FAILING_FRACTION))))
                            .orElse(null),
                    signals.map(Signals.HEALTH, "check")
                            .flatMap(h -> h.requiredString("check"))
                            .map(Signals.Health::new)
                            .orElse(null),
                    signals.map(Signals.DEPENDENCY, "names")
                            .flatMap(d -> d.requiredStrings("names"))
                            .map(Signals.Dependency::new)
                            .orElse(null),
                    signals.map(Signals.LOG_SIGNATURES, "patterns", "minRate")
                            .flatMap(SignalsReader::logSignatures)
                            .orElse(null),
                    signals.map(Signals.GUARDS, "conditions")
                            .flatMap(SignalsReader::guards)
                            .orElse(null));
        }

        private static Optional<Signals.LogSignatures> logSignatures(MapReader logs) {
            Optional<List<String>> patterns = logs.requiredStrings("patterns");
            Optional<Signals.Rate> rate = (logs.has("minRate")
                            ? logs.string("minRate")
                            : logs.<String>missing("minRate"))
                    .flatMap(text -> {
                        Optional<Signals.Rate> parsed = Rates.parse(text);
                        if (parsed.isEmpty()) {
                            logs.context()
                                    .error(
                                            logs.value("minRate").orElseThrow(),
                                            logs.child("minRate"),
                                            Rates.problem(text));
                        }
                        return parsed;
                    });
            return patterns.isPresent() && rate.isPresent()
                    ? Optional.of(new Signals.LogSignatures(patterns.get(), rate.get()))
                    : Optional.empty();
        }

        private static Optional<Signals.Guards> guards(MapReader guards) {
            if (!guards.has("conditions")) {
                return guards.missing("conditions");
            }
            List<Signals.GuardCondition> conditions = new ArrayList<>();
            guards.list("conditions").ifPresent(items -> {
                for (int i = 0; i < items.size(); i++) {
                    String path = guards.child("conditions") + "[" + i + "]";
                    guards.context()
                            .map(path, items.get(i), "guard", "above", "below")
                            .flatMap(SignalsReader::condition)
                            .ifPresent(conditions::add);
                }
            });
            return Optional.of(new Signals.Guards(conditions));
        }

        private static Optional<Signals.GuardCondition> condition(MapReader condition) {
            Optional<String> guard = condition.requiredString("guard");
            if (condition.writtenAmong("above", "below").size() != 1) {
                condition
                        .context()
                        .error(
                                condition.node(),
                                condition.path(),
                                "a guard condition needs exactly one of above or below");
                return Optional.empty();
            }
            return guard.map(g -> new Signals.GuardCondition(
                    g,
                    condition.number("above").orElse(null),
                    condition.number("below").orElse(null)));
        }
    }
}
