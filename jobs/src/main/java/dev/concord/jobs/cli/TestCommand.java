package dev.concord.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Listed for --help; the ./concord launcher runs it, because it needs Maven and the services, not this jar. */
@Command(
        name = "test",
        description = "Start the real services, run every test (mvn verify), stop the services; "
                + "exit with the tests' status.")
final class TestCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("`concord test` runs through the ./concord launcher at the repository root: ./concord test");
        return 2;
    }
}
