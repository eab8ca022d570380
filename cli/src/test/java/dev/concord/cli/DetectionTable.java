package dev.concord.cli;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.slo.SloAlert;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** One line of what a replay of a scenario gave, in seconds after the onset: what the test log shows per scenario. */
final class DetectionTable {

    private DetectionTable() {}

    static String row(
            List<ForeignTelemetry.Fault> faults,
            List<SloAlert> pages,
            List<DecisionRecord> decisions,
            long onsetSecond,
            long endSecond) {
        String faulted = faults.stream()
                .map(f -> f.cloud() + " " + f.perTenThousand() / 100.0 + "%" + (f.outage() ? " outage" : "")
                        + (f.release() ? " release" : ""))
                .collect(Collectors.joining(", "));
        String paged = pages.stream()
                .map(a -> a.cloudProvider() + (a.firing() ? " fired +" : " resolved end+")
                        + (a.eventTimeMillis() / 1000 - (a.firing() ? onsetSecond : endSecond)) + "s")
                .collect(Collectors.joining(", "));
        String decided = decisions.stream()
                .map(d -> d.action() + " " + d.state() + " " + d.from() + "->" + d.to() + " "
                        + d.quorum().counted()
                        + d.signals().stream()
                                .map(s -> s.family() + "=" + s.verdict())
                                .toList() + " +"
                        + (Instant.parse(d.eventTime()).getEpochSecond() - onsetSecond) + "s")
                .collect(Collectors.joining(", "));
        return "detection | " + faulted + " | 1h/5m page: " + (paged.isEmpty() ? "none" : paged) + " | decisions: "
                + (decided.isEmpty() ? "none" : decided);
    }
}
