package dev.concord.simulator.scenario;

import java.nio.file.Path;

/** A scenario file that cannot be used, with the file, the place in it and what is wrong. */
public final class ScenarioFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ScenarioFileException(Path file, String path, String problem) {
        super(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
