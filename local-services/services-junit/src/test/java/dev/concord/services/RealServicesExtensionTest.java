package dev.concord.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class RealServicesExtensionTest {

    private static final String KAFKA_PROPERTY = "concord.kafka.bootstrap";

    @BeforeEach
    void pointKafkaAtAPortNobodyListensOn() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        System.setProperty(KAFKA_PROPERTY, "127.0.0.1:" + freePort);
    }

    @AfterEach
    void restore() {
        System.clearProperty(KAFKA_PROPERTY);
        System.clearProperty(RealServicesExtension.FAIL_WHEN_MISSING_PROPERTY);
    }

    @Test
    void skipsWithHowToStartTheServiceWhenItIsMissingOutsideCi() {
        System.setProperty(RealServicesExtension.FAIL_WHEN_MISSING_PROPERTY, "false");

        Events containers = run().containerEvents();

        assertThat(containers.skipped().count()).isEqualTo(1);
        assertThat(containers.skipped().list().get(0).getPayload(String.class))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("kafka is not ready").contains("scripts/services start kafka"));
        assertThat(run().testEvents().succeeded().count()).isZero();
    }

    @Test
    void failsTheClassWhenTheServiceIsMissingUnderCi() {
        System.setProperty(RealServicesExtension.FAIL_WHEN_MISSING_PROPERTY, "true");

        Events containers = run().containerEvents();

        containers
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(message(m -> m.contains("CI=true and a required service is missing")
                                && m.contains("scripts/services start kafka")))));
        assertThat(run().testEvents().succeeded().count()).isZero();
    }

    @Test
    void runsTheClassAndHandsItTheEndpointsWhenTheServiceAnswers() throws IOException {
        System.setProperty(RealServicesExtension.FAIL_WHEN_MISSING_PROPERTY, "true");
        try (ServerSocket listening = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            System.setProperty(KAFKA_PROPERTY, "127.0.0.1:" + listening.getLocalPort());

            Events tests = run().testEvents();

            assertThat(tests.succeeded().count()).isEqualTo(1);
            assertThat(tests.failed().count()).isZero();
        }
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults run() {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NeedsKafka.class))
                .execute();
    }

    @RequiresServices(Service.KAFKA)
    static class NeedsKafka {
        @Test
        void usesKafka(ServiceEndpoints endpoints) {
            assertThat(endpoints.kafkaBootstrapServers()).startsWith("127.0.0.1:");
        }
    }
}
