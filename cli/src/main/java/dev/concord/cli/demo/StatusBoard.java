package dev.concord.cli.demo;

import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.WindowBurn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The latest state of every SLO key, shown as transactions × clouds. A cell is the worst of the transaction's SLOs
 * and tenants in that cloud: the lowest SLI and budget, the highest burn rate, the gravest status. Snapshots may
 * arrive out of order across subtasks; an older one never replaces a newer.
 */
final class StatusBoard {

    /** The gravest first wins a cell. */
    enum Status {
        PAGE,
        TICKET,
        BURNING,
        OK,
        NO_DATA;

        String word() {
            return this == NO_DATA ? "NO DATA" : name();
        }
    }

    private static final int SLI_WINDOW_MINUTES = 5;
    private static final int BURN_WINDOW_MINUTES = 60;
    private static final String ANY = "*";
    private static final String CELL = "%7s %7s %8s  %-7s";
    private static final int CELL_WIDTH = 32;

    private final Map<String, SloSnapshot> latest = new HashMap<>();
    private long simulatedUntil;

    void accept(SloSnapshot snapshot) {
        String key =
                String.join("|", snapshot.slo(), snapshot.cloudProvider(), snapshot.cloudRegion(), snapshot.tenant());
        SloSnapshot known = latest.get(key);
        if (known == null || known.minuteEndEpochMillis() < snapshot.minuteEndEpochMillis()) {
            latest.put(key, snapshot);
        }
        simulatedUntil = Math.max(simulatedUntil, snapshot.minuteEndEpochMillis());
    }

    /** The end of the latest minute evaluated, epoch millis; 0 before the first. */
    long simulatedUntil() {
        return simulatedUntil;
    }

    /** The table's lines, without a trailing newline each. */
    List<String> render() {
        Map<String, Map<String, List<SloSnapshot>>> cells = new TreeMap<>();
        Map<String, TreeSet<String>> regions = new TreeMap<>();
        for (SloSnapshot snapshot : latest.values()) {
            cells.computeIfAbsent(snapshot.transaction(), t -> new TreeMap<>())
                    .computeIfAbsent(snapshot.cloudProvider(), c -> new ArrayList<>())
                    .add(snapshot);
            TreeSet<String> seen = regions.computeIfAbsent(snapshot.cloudProvider(), c -> new TreeSet<>());
            if (!snapshot.cloudRegion().equals(ANY)) {
                seen.add(snapshot.cloudRegion());
            }
        }
        List<String> lines = new ArrayList<>();
        if (cells.isEmpty()) {
            lines.add("(no SLO evaluated yet)");
            return lines;
        }
        int nameWidth = "transaction".length();
        for (String transaction : cells.keySet()) {
            nameWidth = Math.max(nameWidth, transaction.length());
        }
        List<String> clouds = new ArrayList<>(regions.keySet());
        StringBuilder header = new StringBuilder(pad("", nameWidth));
        StringBuilder columns = new StringBuilder(pad("transaction", nameWidth));
        for (String cloud : clouds) {
            String title = regions.get(cloud).size() == 1
                    ? cloud + " " + regions.get(cloud).first()
                    : cloud;
            header.append("  ").append(pad(title, CELL_WIDTH));
            columns.append("  ")
                    .append(pad(String.format(Locale.ROOT, CELL, "SLI 5m", "budget", "burn 1h", "status"), CELL_WIDTH));
        }
        lines.add(header.toString().stripTrailing());
        lines.add(columns.toString().stripTrailing());
        for (Map.Entry<String, Map<String, List<SloSnapshot>>> row : cells.entrySet()) {
            StringBuilder line = new StringBuilder(pad(row.getKey(), nameWidth));
            for (String cloud : clouds) {
                List<SloSnapshot> snapshots = row.getValue().getOrDefault(cloud, List.of());
                line.append("  ").append(pad(cell(snapshots), CELL_WIDTH));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String cell(List<SloSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return String.format(Locale.ROOT, CELL, "-", "-", "-", "");
        }
        double sli = Double.NaN;
        double budget = Double.POSITIVE_INFINITY;
        double burn = Double.NaN;
        Status status = Status.NO_DATA;
        for (SloSnapshot snapshot : snapshots) {
            budget = Math.min(budget, snapshot.budgetRemaining());
            if (snapshot.noData()) {
                continue;
            }
            Optional<WindowBurn> shortest = window(snapshot, SLI_WINDOW_MINUTES);
            if (shortest.isPresent() && shortest.get().events() > 0) {
                sli = Double.isNaN(sli)
                        ? shortest.get().sli()
                        : Math.min(sli, shortest.get().sli());
            }
            Optional<WindowBurn> hour = window(snapshot, BURN_WINDOW_MINUTES);
            if (hour.isPresent() && hour.get().events() > 0) {
                burn = Double.isNaN(burn)
                        ? hour.get().burnRate()
                        : Math.max(burn, hour.get().burnRate());
            }
            Status own = statusOf(snapshot, hour);
            if (own.ordinal() < status.ordinal()) {
                status = own;
            }
        }
        return String.format(
                Locale.ROOT,
                CELL,
                Double.isNaN(sli) ? "-" : percent(sli),
                budget < 0 ? "spent" : percent(budget),
                Double.isNaN(burn) ? "-" : String.format(Locale.ROOT, "%.2f", burn),
                status.word());
    }

    private static Status statusOf(SloSnapshot snapshot, Optional<WindowBurn> hour) {
        if (snapshot.firing().stream().anyMatch(f -> f.startsWith("page:"))) {
            return Status.PAGE;
        }
        if (!snapshot.firing().isEmpty()) {
            return Status.TICKET;
        }
        if (hour.isPresent() && hour.get().burnRate() > 1) {
            return Status.BURNING;
        }
        return Status.OK;
    }

    /** The window of that length, else the shortest longer one. */
    private static Optional<WindowBurn> window(SloSnapshot snapshot, int minutes) {
        return snapshot.windows().stream()
                .filter(w -> w.windowMinutes() >= minutes)
                .min(Comparator.comparingInt(WindowBurn::windowMinutes));
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
