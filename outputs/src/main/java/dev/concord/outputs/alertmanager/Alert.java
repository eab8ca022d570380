package dev.concord.outputs.alertmanager;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One alert as Alertmanager's v2 API takes it. Labels identify the alert (Alertmanager deduplicates on them);
 * annotations only describe it.
 *
 * @param endsAt null while the alert is active; set to resolve it
 */
public record Alert(
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl) {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public Alert {
        labels = new TreeMap<>(Objects.requireNonNull(labels, "labels"));
        annotations = new TreeMap<>(Objects.requireNonNull(annotations, "annotations"));
        Objects.requireNonNull(startsAt, "startsAt");
        generatorUrl = generatorUrl == null ? "" : generatorUrl;
        String name = labels.get(AlertLabels.ALERTNAME);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an alert needs the label " + AlertLabels.ALERTNAME + ": " + labels);
        }
        for (String label : labels.keySet()) {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("not a valid label name: " + label);
            }
        }
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The same alert, resolved at the given instant. */
    public Alert resolvedAt(Instant end) {
        return new Alert(labels, annotations, startsAt, Objects.requireNonNull(end, "end"), generatorUrl);
    }

    public boolean resolved() {
        return endsAt != null;
    }
}
