package dev.concord.rules.load;

import dev.concord.rules.model.Position;
import dev.concord.rules.problem.Problems;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The documents of one YAML source as nodes, which keep their line and column. A syntax error ends the source (YAML
 * cannot resynchronise) but keeps the documents before it.
 */
public final class YamlDocuments {

    private YamlDocuments() {}

    public static List<Node> compose(YamlSource source, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source.displayName())
                .setUseMarks(true)
                .build();
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : new Compose(settings).composeAllFromString(source.text())) {
                documents.add(document);
            }
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark()
                    .map(mark -> position(source.displayName(), mark))
                    .orElse(new Position(source.displayName(), 1, 1));
            problems.error(at, "", "YAML syntax: " + e.getProblem());
        } catch (YamlEngineException e) {
            problems.error(new Position(source.displayName(), 1, 1), "", "YAML syntax: " + e.getMessage());
        }
        return documents;
    }

    static Position position(String file, Mark mark) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
