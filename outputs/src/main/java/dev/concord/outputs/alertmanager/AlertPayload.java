package dev.concord.outputs.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The JSON body of {@code POST /api/v2/alerts}: an array of alerts, labels and annotations in name order. */
final class AlertPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertPayload() {}

    static String of(Collection<Alert> alerts) {
        ArrayNode array = JSON.createArrayNode();
        for (Alert alert : alerts) {
            ObjectNode node = array.addObject();
            put(node.putObject("labels"), alert.labels());
            put(node.putObject("annotations"), alert.annotations());
            node.put("startsAt", alert.startsAt().toString());
            if (alert.endsAt() != null) {
                node.put("endsAt", alert.endsAt().toString());
            }
            if (!alert.generatorUrl().isEmpty()) {
                node.put("generatorURL", alert.generatorUrl());
            }
        }
        return array.toString();
    }

    private static void put(ObjectNode node, Map<String, String> values) {
        new TreeMap<>(values).forEach(node::put);
    }
}
