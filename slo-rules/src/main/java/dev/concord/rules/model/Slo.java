package dev.concord.rules.model;

import dev.concord.rules.Conventions;
import java.math.BigDecimal;
import java.util.List;

/** A service level objective on one business transaction; {@code objectivePercent} lies in (0, 100) when valid. */
public record Slo(
        Metadata metadata,
        String description,
        String transaction,
        Indicator indicator,
        BigDecimal objectivePercent,
        SloWindow window,
        Budgeting budgeting,
        List<GroupBy> groupBy,
        Alerting alerting,
        Origin origin)
        implements RuleDocument {

    public Slo {
        groupBy = List.copyOf(groupBy);
    }

    @Override
    public String kind() {
        return Conventions.KIND_SLO;
    }
}
