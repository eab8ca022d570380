package dev.concord.engine.decide;

import dev.concord.engine.decide.signal.SignalVerdict;
import dev.concord.rules.model.Signals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which families share underlying data, so that one broken data source counts once. trace_slo and dependency both
 * read the application's spans (a burning SLO and failing client calls are often the same failed requests); probes
 * run from outside; health checks, guards and logs are separate pipelines.
 */
public final class Independence {

    /** Each family's underlying data source; families with the same source count once. */
    public static final Map<String, String> SOURCES = Map.of(
            Signals.TRACE_SLO, "application-spans",
            Signals.DEPENDENCY, "application-spans",
            Signals.PROBES, "synthetic-probes",
            Signals.HEALTH, "health-checks",
            Signals.LOG_SIGNATURES, "application-logs",
            Signals.GUARDS, "guard-metrics");

    private Independence() {}

    /**
     * The FAILING families that count towards the quorum, the first of each data source in the order given; NO_DATA,
     * DEGRADED and HEALTHY never count.
     */
    public static List<String> counted(List<SignalVerdict> verdicts) {
        Set<String> sources = new HashSet<>();
        List<String> counted = new ArrayList<>();
        for (SignalVerdict verdict : verdicts) {
            if (verdict.failing() && sources.add(SOURCES.getOrDefault(verdict.family(), verdict.family()))) {
                counted.add(verdict.family());
            }
        }
        return List.copyOf(counted);
    }
}
