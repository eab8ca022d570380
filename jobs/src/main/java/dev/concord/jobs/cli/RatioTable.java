package dev.concord.jobs.cli;

import dev.concord.jobs.ratio.MinuteSuccessRatio;
import dev.concord.simulator.CloudSite;
import dev.concord.simulator.SimulationSettings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Renders success ratios as one row per transaction and minute, one column per cloud, primary first. */
final class RatioTable {

    /** Below this ratio a cell is flagged, so the outage stands out at a glance. */
    static final double DEGRADED_BELOW = 0.95;

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int COLUMN_WIDTH = 24;

    private final List<CloudSite> clouds;

    RatioTable(SimulationSettings settings) {
        this.clouds = settings.sites();
    }

    String render(List<MinuteSuccessRatio> rows) {
        Map<String, Map<Long, Map<CloudSite, MinuteSuccessRatio>>> byTransaction = new TreeMap<>();
        for (MinuteSuccessRatio row : rows) {
            byTransaction
                    .computeIfAbsent(row.transaction(), t -> new TreeMap<>())
                    .computeIfAbsent(row.minuteStartEpochMillis(), m -> new HashMap<>())
                    .put(new CloudSite(row.cloudProvider(), row.cloudRegion()), row);
        }
        List<CloudSite> columns = columns(rows);
        StringBuilder text = new StringBuilder();
        byTransaction.forEach((transaction, minutes) -> {
            text.append(transaction).append(": success ratio per minute of event time (UTC)\n\n");
            text.append(String.format(Locale.ROOT, "%-18s", "minute"));
            for (CloudSite cloud : columns) {
                text.append(String.format(Locale.ROOT, "%-" + COLUMN_WIDTH + "s", cloud));
            }
            text.append('\n');
            minutes.forEach((minute, cells) -> {
                text.append(String.format(Locale.ROOT, "%-18s", MINUTE.format(Instant.ofEpochMilli(minute))));
                for (CloudSite cloud : columns) {
                    text.append(String.format(Locale.ROOT, "%-" + COLUMN_WIDTH + "s", cell(cells.get(cloud))));
                }
                text.append('\n');
            });
        });
        if (byTransaction.isEmpty()) {
            text.append("no transactions were seen\n");
        }
        return text.toString().replaceAll(" +\n", "\n");
    }

    private List<CloudSite> columns(List<MinuteSuccessRatio> rows) {
        List<CloudSite> columns = new ArrayList<>(clouds);
        TreeSet<String> others = new TreeSet<>();
        for (MinuteSuccessRatio row : rows) {
            CloudSite site = new CloudSite(row.cloudProvider(), row.cloudRegion());
            if (!columns.contains(site)) {
                others.add(site.provider() + "\t" + site.region());
            }
        }
        for (String other : others) {
            String[] parts = other.split("\t", 2);
            columns.add(new CloudSite(parts[0], parts[1]));
        }
        return columns;
    }

    private static String cell(MinuteSuccessRatio ratio) {
        if (ratio == null) {
            return "-";
        }
        return String.format(
                Locale.ROOT,
                "%6.1f%% (%d/%d)%s",
                ratio.successRatio() * 100,
                ratio.succeeded(),
                ratio.total(),
                ratio.successRatio() < DEGRADED_BELOW ? " !" : "");
    }
}
