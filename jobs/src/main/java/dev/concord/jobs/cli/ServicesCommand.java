package dev.concord.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Listed for --help; the ./concord launcher hands it to scripts/services. */
@Command(
        name = "services",
        description = "start|stop|status [kafka|elasticsearch|prometheus|alertmanager|flink-cluster|all]: "
                + "the real services on 127.0.0.1 for tests and development.")
final class ServicesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("`concord services` runs through the ./concord launcher: ./concord services status");
        return 2;
    }
}
