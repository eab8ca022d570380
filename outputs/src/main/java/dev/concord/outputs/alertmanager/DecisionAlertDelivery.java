package dev.concord.outputs.alertmanager;

import dev.concord.engine.decide.DecisionRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * Failover decisions as alerts (see {@link DecisionAlerts}). The decision graph emits a policy's records from one
 * subtask, so the sink, forwarded from it, sees every record of a policy in order and can resolve the alert a
 * decision leaves behind.
 */
final class DecisionAlertDelivery implements AlertDelivery<DecisionRecord> {

    private final AlertLinks links;

    /** Policy and scope → the alert its latest decision keeps active. */
    private final Map<String, Alert> active = new HashMap<>();

    DecisionAlertDelivery(AlertLinks links) {
        this.links = links;
    }

    @Override
    public void deliver(DecisionRecord d, AlertmanagerClient client) {
        String key = DecisionAlerts.key(d);
        Alert open = active.get(key);
        if (DecisionAlerts.ends(d)) {
            if (open != null) {
                // the resolved notification says why it ended
                client.resolve(new Alert(
                        open.labels(),
                        DecisionAlerts.annotations(d, links.dashboardBaseUrl(), links.runbookUrl()),
                        open.startsAt(),
                        DecisionAlerts.time(d),
                        open.generatorUrl()));
                active.remove(key);
            }
            return;
        }
        Alert alert = DecisionAlerts.toAlert(d, links.dashboardBaseUrl(), links.runbookUrl(), links.generatorUrl());
        if (open != null && open.labels().equals(alert.labels())) {
            alert = new Alert(alert.labels(), alert.annotations(), open.startsAt(), null, alert.generatorUrl());
        } else if (open != null) {
            client.resolve(open.resolvedAt(DecisionAlerts.time(d)));
        }
        client.fire(alert);
        active.put(key, alert);
    }

    @Override
    public String describe(DecisionRecord d) {
        return "decision " + d.decisionId();
    }
}
