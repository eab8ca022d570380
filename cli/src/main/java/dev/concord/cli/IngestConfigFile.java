package dev.concord.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The {@code --config FILE} of {@code concord ingest}: YAML (a flat map whose keys are the long option names without
 * dashes, {@code http-port: 4318}), or Java properties when the file name ends in {@code .properties}. A key that is no
 * option, or a value that is a list or a map, is refused at start rather than silently ignored.
 */
final class IngestConfigFile {

    static final Set<String> KEYS = Set.of(
            "bind",
            "http-port",
            "grpc-port",
            "kafka",
            "topic-spans",
            "topic-logs",
            "topic-metrics",
            "out",
            "gzip",
            "tokens",
            "insecure-no-auth",
            "max-body-bytes",
            "queue-capacity",
            "read-timeout-seconds",
            "header-timeout-seconds",
            "tls-cert",
            "tls-key",
            "tls-keystore",
            "tls-keystore-password-file");

    private IngestConfigFile() {}

    /** The settings of the file as strings by key; empty without a file. */
    static Map<String, String> read(Path file) throws IOException {
        if (file == null) {
            return Map.of();
        }
        Map<String, String> values =
                file.getFileName().toString().endsWith(".properties") ? properties(file) : yaml(file);
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": unknown keys " + unknown + "; known keys are " + new TreeSet<>(KEYS));
        }
        return values;
    }

    private static Map<String, String> properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key));
        }
        return values;
    }

    private static Map<String, String> yaml(Path file) throws IOException {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(reader);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + " must be a YAML map of option names to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new IllegalArgumentException(file + ": " + key + " must be a single value");
            }
            if (value != null) {
                values.put(key, value.toString());
            }
        }
        return values;
    }
}
