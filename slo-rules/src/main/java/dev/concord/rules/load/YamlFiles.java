package dev.concord.rules.load;

import dev.concord.rules.model.Position;
import dev.concord.rules.problem.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The YAML files under a list of paths: files as given, directories walked in name order for stable output. */
public final class YamlFiles {

    private YamlFiles() {}

    public static List<YamlSource> under(List<Path> paths, Problems problems) {
        List<YamlSource> sources = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(YamlFiles::isYaml)
                            .sorted()
                            .forEach(file -> sources.add(YamlSource.file(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                sources.add(YamlSource.file(path));
            } else {
                problems.error(new Position(path.toString(), 1, 1), "", "no such file or directory");
            }
        }
        return sources;
    }

    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
