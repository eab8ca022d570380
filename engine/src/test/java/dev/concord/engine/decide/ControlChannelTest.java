package dev.concord.engine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ControlChannelTest {

    /** What the job's file source would read from the directory, through the same parser. */
    public static List<OperatorConfirmation> readAll(Path directory) throws IOException {
        List<OperatorConfirmation> read = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                Files.readAllLines(file).stream()
                        .map(ControlChannel.ConfirmationFormat::parse)
                        .filter(Objects::nonNull)
                        .forEach(read::add);
            }
        }
        return read;
    }

    @TempDir
    Path dir;

    @Test
    void leavesNoHalfWrittenFileVisibleToTheJob() throws IOException {
        ControlChannel.write(dir, new OperatorConfirmation("web-api/aws/20260105T101200Z", "alice", "", 1L));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactly("confirm-web-api_aws_20260105T101200Z-1.json");
        }
    }

    @Test
    void skipsLinesThatAreNotConfirmationsInsteadOfFailingTheJob() {
        assertThat(ControlChannel.ConfirmationFormat.parse("not json")).isNull();
        assertThat(ControlChannel.ConfirmationFormat.parse("{\"decisionId\":\"no-policy\",\"by\":\"x\"}"))
                .isNull();
        assertThat(ControlChannel.ConfirmationFormat.parse("{\"decisionId\":\"a/b/c\",\"by\":\" \"}"))
                .isNull();
        assertThat(ControlChannel.ConfirmationFormat.parse(
                        "{\"decisionId\":\"a/b/c\",\"by\":\"alice\",\"atMillis\":5}"))
                .isEqualTo(new OperatorConfirmation("a/b/c", "alice", "", 5));
    }
}
