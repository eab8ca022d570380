package dev.concord.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkSenderTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final List<List<String>> requests = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();

    private BulkSender sender(int maxRetries) {
        return new BulkSender(this::answer, sleeps::add, maxRetries, Duration.ofMillis(100), Duration.ofMillis(350));
    }

    private BulkResponse answer(BulkRequest request) throws IOException {
        requests.add(request.operations().stream().map(op -> op.index().id()).toList());
        Object next = answers.removeFirst();
        if (next instanceof IOException e) {
            throw e;
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return (BulkResponse) next;
    }

    private static BulkOperation doc(String id) {
        return BulkOperation.of(op -> op.index(i -> i.index("idx").id(id).document(Map.of("a", 1))));
    }

    private static BulkResponse items(int... statuses) {
        List<BulkResponseItem> items = new ArrayList<>();
        boolean errors = false;
        for (int status : statuses) {
            BulkResponseItem.Builder item = new BulkResponseItem.Builder()
                    .operationType(OperationType.Index)
                    .index("idx")
                    .status(status);
            if (status >= 300) {
                errors = true;
                item.error(e -> e.type("error_" + status).reason("because"));
            }
            items.add(item.build());
        }
        boolean anyError = errors;
        return BulkResponse.of(b -> b.errors(anyError).took(1).items(items));
    }

    @Test
    void retriesOnlyTheDocumentsAnswered429Or5xxAndDropsTheOnesElasticsearchRefuses() throws IOException {
        answers.add(items(201, 429, 400, 503));
        answers.add(items(200, 200));

        BulkSender.Outcome outcome = sender(3).send(List.of(doc("a"), doc("b"), doc("c"), doc("d")));

        assertThat(requests).containsExactly(List.of("a", "b", "c", "d"), List.of("b", "d"));
        assertThat(outcome).isEqualTo(new BulkSender.Outcome(1, 1));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void backsOffExponentiallyUpToTheCapWhileTheClusterIsUnreachable() throws IOException {
        answers.add(new ConnectException("refused"));
        answers.add(new ConnectException("refused"));
        answers.add(new ConnectException("refused"));
        answers.add(errorStatus(503));
        answers.add(items(201));

        BulkSender.Outcome outcome = sender(5).send(List.of(doc("a")));

        assertThat(outcome.retries()).isEqualTo(4);
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350), Duration.ofMillis(350));
    }

    @Test
    void failsTheBatchWhenRetriesRunOutSoFlinkReplaysFromTheLastCheckpoint() {
        answers.add(items(429));
        answers.add(items(429));
        answers.add(items(429));

        assertThatThrownBy(() -> sender(2).send(List.of(doc("a"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("giving up after 2 retries");
        assertThat(requests).hasSize(3);
    }

    @Test
    void doesNotRetryARequestTheClusterRefusesOutright() {
        answers.add(errorStatus(401));

        assertThatThrownBy(() -> sender(5).send(List.of(doc("a")))).isInstanceOf(IOException.class);
        assertThat(sleeps).isEmpty();
    }

    private static ElasticsearchException errorStatus(int status) {
        return new ElasticsearchException(
                "bulk",
                ErrorResponse.of(e ->
                        e.status(status).error(c -> c.type("status_" + status).reason("no"))));
    }
}
