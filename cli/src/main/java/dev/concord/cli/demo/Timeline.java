package dev.concord.cli.demo;

import dev.concord.simulator.Fault;
import dev.concord.simulator.FaultTarget;
import dev.concord.simulator.scenario.Scenario;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * The simulated time of a demo run: where it starts and ends, and when the first fault begins, so that every
 * detection can be told as minutes after the onset.
 *
 * @param onset the first fault's start; null for a scenario without faults
 * @param faults one line per fault: name, shape, target, from and to
 */
record Timeline(String scenario, String description, Instant start, Instant end, Instant onset, List<String> faults) {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    Timeline {
        faults = List.copyOf(faults);
    }

    static Timeline of(Scenario scenario) {
        Instant start = scenario.plan().start();
        List<Fault> faults = scenario.plan().faults().stream()
                .sorted(Comparator.comparing(Fault::start))
                .toList();
        Instant onset = faults.isEmpty() ? null : start.plus(faults.get(0).start());
        return new Timeline(
                scenario.name(),
                scenario.description(),
                start,
                scenario.plan().end(),
                onset,
                faults.stream()
                        .map(f ->
                                f.name() + " (" + f.shape().name().toLowerCase().replace('_', '-') + ") on "
                                        + target(f.target()) + " from "
                                        + clock(start.plus(f.start()).toEpochMilli())
                                        + " to " + clock(start.plus(f.end()).toEpochMilli()))
                        .toList());
    }

    private static String target(FaultTarget target) {
        StringBuilder text =
                new StringBuilder(target.name().isEmpty() ? target.kind().name().toLowerCase() : target.name());
        for (String part : List.of(target.cloud(), target.region(), target.tenant(), target.version())) {
            if (!part.isEmpty()) {
                text.append(' ').append(part);
            }
        }
        return text.toString();
    }

    static String clock(long epochMillis) {
        return CLOCK.format(Instant.ofEpochMilli(epochMillis));
    }

    String day() {
        return DAY.format(start);
    }

    /** {@code +3m} after the onset, {@code -2m} before it; empty without a fault. */
    String sinceOnset(long epochMillis) {
        if (onset == null) {
            return "";
        }
        long minutes = Math.floorDiv(epochMillis - onset.toEpochMilli(), 60_000L);
        return (minutes >= 0 ? "+" : "") + minutes + "m";
    }
}
