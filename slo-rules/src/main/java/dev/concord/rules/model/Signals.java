package dev.concord.rules.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The independent signal families a failover policy listens to; a family that is not configured is null. Each family
 * counts once towards the quorum however many conditions it holds.
 */
public record Signals(
        TraceSlo traceSlo,
        Probes probes,
        Health health,
        Dependency dependency,
        LogSignatures logSignatures,
        Guards guards) {

    public static final String TRACE_SLO = "trace_slo";
    public static final String PROBES = "probes";
    public static final String HEALTH = "health";
    public static final String DEPENDENCY = "dependency";
    public static final String LOG_SIGNATURES = "log_signatures";
    public static final String GUARDS = "guards";

    public static final List<String> FAMILIES = List.of(TRACE_SLO, PROBES, HEALTH, DEPENDENCY, LOG_SIGNATURES, GUARDS);

    /** The configured families, in the order of {@link #FAMILIES}. */
    public List<String> configured() {
        List<String> names = new ArrayList<>();
        Object[] values = {traceSlo, probes, health, dependency, logSignatures, guards};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                names.add(FAMILIES.get(i));
            }
        }
        return List.copyOf(names);
    }

    /** The named SLOs are burning at {@code severity} or worse. */
    public record TraceSlo(List<String> slos, AlertSeverity severity) {
        public TraceSlo {
            slos = List.copyOf(slos);
        }
    }

    /** At least {@code minVantagePoints} vantage points run the probe and at least that fraction of them fail. */
    public record Probes(String probe, int minVantagePoints, BigDecimal minFailingFraction) {}

    public record Health(String check) {}

    /** A dependency the layer needs is down in the primary. */
    public record Dependency(List<String> names) {
        public Dependency {
            names = List.copyOf(names);
        }
    }

    /** Log lines matching any pattern arrive faster than {@code minRate}. */
    public record LogSignatures(List<String> patterns, Rate minRate) {
        public LogSignatures {
            patterns = List.copyOf(patterns);
        }
    }

    /** Guard signals crossing their limits. */
    public record Guards(List<GuardCondition> conditions) {
        public Guards {
            conditions = List.copyOf(conditions);
        }
    }

    /** A guard signal above (or below) a value; exactly one of the two bounds is set. */
    public record GuardCondition(String guard, BigDecimal above, BigDecimal below) {}

    /** Events per unit of time, written {@code 5/m}. */
    public record Rate(BigDecimal count, Duration per) {}
}
