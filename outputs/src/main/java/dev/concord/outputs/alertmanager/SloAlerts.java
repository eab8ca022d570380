package dev.concord.outputs.alertmanager;

import dev.concord.engine.slo.SloAlert;
import dev.concord.outputs.Conventions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** How an SLO burn-rate alert of the engine reads in Alertmanager. */
public final class SloAlerts {

    /** The Grafana dashboard an SLO alert links to (its uid is fixed in deploy/grafana). */
    public static final String SLO_DETAIL_DASHBOARD_PATH = "/d/concord-slo-detail/concord-slo-detail";

    private SloAlerts() {}

    /**
     * The alert, starting (or ending) at the event time of the minute that changed it, so a replay reports when the
     * burn happened rather than when it was replayed.
     */
    public static Alert toAlert(SloAlert a, String dashboardBaseUrl, String defaultRunbookUrl, String generatorUrl) {
        Map<String, String> labels = new HashMap<>(a.labels());
        labels.put(AlertLabels.ALERTNAME, AlertLabels.SLO_BURN_RATE_HIGH);
        labels.put(AlertLabels.SEVERITY, a.severity());
        labels.put(AlertLabels.SLO, a.slo());
        labels.put(AlertLabels.TRANSACTION, a.transaction());
        labels.put(AlertLabels.CLOUD, a.cloudProvider());
        labels.put(AlertLabels.REGION, a.cloudRegion());
        labels.put(AlertLabels.TENANT, a.tenant());
        labels.put(
                AlertLabels.WINDOW,
                Conventions.windowLabel(a.longWindowMinutes()) + "/" + Conventions.windowLabel(a.shortWindowMinutes()));

        Map<String, String> annotations = new HashMap<>(a.annotations());
        annotations.put(
                AlertLabels.SUMMARY,
                String.format(
                        Locale.ROOT,
                        "%s spends the error budget of %s at %.1fx or more in %s %s",
                        a.transaction(),
                        a.slo(),
                        a.factor(),
                        a.cloudProvider(),
                        a.cloudRegion()));
        annotations.put(
                AlertLabels.DESCRIPTION,
                String.format(
                        Locale.ROOT,
                        "Burn rate %.1f over %s and %.1f over %s (threshold %.1f); %.1f%% of the period's budget left.",
                        a.longBurnRate(),
                        Conventions.windowLabel(a.longWindowMinutes()),
                        a.shortBurnRate(),
                        Conventions.windowLabel(a.shortWindowMinutes()),
                        a.factor(),
                        a.budgetRemaining() * 100));
        annotations.putIfAbsent(AlertLabels.RUNBOOK_URL, defaultRunbookUrl);
        annotations.put(
                AlertLabels.DASHBOARD_URL,
                dashboardBaseUrl.replaceAll("/+$", "") + SLO_DETAIL_DASHBOARD_PATH + "?var-slo=" + encode(a.slo())
                        + "&var-cloud=" + encode(a.cloudProvider()) + "&var-region=" + encode(a.cloudRegion()));
        Instant at = Instant.ofEpochMilli(a.eventTimeMillis());
        Alert alert = new Alert(labels, annotations, at, null, generatorUrl);
        return a.firing() ? alert : alert.resolvedAt(at);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
