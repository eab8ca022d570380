package dev.concord.engine.slo;

import java.util.Map;

/**
 * A burn-rate alert of one SLO key starting or ending.
 *
 * @param firing true when it starts firing, false when it resolves
 * @param eventTimeMillis the end of the minute at which it changed
 * @param labels the SLO's alert labels
 * @param annotations the SLO's alert annotations
 */
public record SloAlert(
        String slo,
        String transaction,
        String cloudProvider,
        String cloudRegion,
        String tenant,
        String severity,
        int longWindowMinutes,
        int shortWindowMinutes,
        double factor,
        boolean firing,
        long eventTimeMillis,
        double longBurnRate,
        double shortBurnRate,
        double budgetRemaining,
        Map<String, String> labels,
        Map<String, String> annotations) {

    public SloAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
