package dev.concord.rules.model;

import java.util.Map;

public record Metadata(String name, Map<String, String> labels, Map<String, String> annotations) {

    public Metadata {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
