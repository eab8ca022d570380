package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.outputs.ExternalOutputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class OutputOptionsTest {

    @Command(name = "runs-the-pipeline")
    static final class Host implements Runnable {
        @Mixin
        OutputOptions options;

        ExternalOutputs outputs;

        @Override
        public void run() {
            outputs = options.outputs();
        }
    }

    private final StringWriter err = new StringWriter();

    private Host parse(String... args) {
        Host host = new Host();
        CommandLine cli = new CommandLine(host);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(args)).as(err.toString()).isZero();
        return host;
    }

    private int exitOf(String... args) {
        CommandLine cli = new CommandLine(new Host());
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void prometheusIsOnByDefaultAndTheOtherTwoOff() throws Exception {
        int port = OutputOptions.DEFAULT_PROMETHEUS_PORT;
        boolean free;
        try (ServerSocket probe = new ServerSocket(port)) {
            free = true;
        } catch (java.io.IOException busy) {
            free = false;
        }
        ExternalOutputs outputs = parse().outputs;

        assertThat(outputs.elasticsearch()).isNull();
        assertThat(outputs.alertmanager()).isNull();
        if (free) {
            assertThat(outputs.prometheus().port()).isEqualTo(port);
            assertThat(outputs.prometheus().optional()).isTrue();
        } else {
            assertThat(outputs.prometheus()).isNull();
            assertThat(err.toString()).contains("Port " + port + " is busy");
        }
    }

    @Test
    void zeroOrOffTurnsPrometheusOffAndUrlsTurnTheOthersOn() {
        ExternalOutputs outputs = parse(
                        "--prometheus-port",
                        "off",
                        "--elasticsearch",
                        "http://127.0.0.1:19200",
                        "--elasticsearch-index-prefix",
                        "staging-",
                        "--alertmanager",
                        "http://127.0.0.1:19093")
                .outputs;

        assertThat(outputs.prometheus()).isNull();
        assertThat(outputs.elasticsearch().hosts()).containsExactly("http://127.0.0.1:19200");
        assertThat(outputs.elasticsearch().indexPrefix()).isEqualTo("staging-");
        assertThat(outputs.alertmanager().urls()).containsExactly("http://127.0.0.1:19093");
        assertThat(parse("--prometheus-port", "0").outputs.any()).isFalse();
    }

    @Test
    void aPortThatIsNotOneOrAMalformedUrlIsAUsageError() {
        assertThat(exitOf("--prometheus-port", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("--prometheus-port must be a port number, 0 or off: nope");
        assertThat(exitOf("--prometheus-port", "70000")).isEqualTo(2);
        assertThat(exitOf("--alertmanager", "ftp://127.0.0.1")).isEqualTo(2);
        assertThat(err.toString()).contains("Alertmanager: URL must be http(s)://HOST[:PORT]");
    }
}
