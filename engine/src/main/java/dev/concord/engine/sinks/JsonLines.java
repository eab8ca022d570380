package dev.concord.engine.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads back what a {@link JsonLinesSink} wrote into a directory; an absent directory reads as empty. */
public final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    public static <T> List<T> read(Path directory, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return records;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        records.add(JSON.readValue(line, type));
                    }
                }
            }
        }
        return records;
    }

    /** The records of one JSON-lines file; an absent file reads as empty. */
    public static <T> List<T> readFile(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return records;
        }
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                records.add(JSON.readValue(line, type));
            }
        }
        return records;
    }
}
