package dev.concord.localservices;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingDouble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local node indexes records through the official client, then finds them again with a filtered query and counts
 * them with an aggregation. Every expected number is computed from the same records in Java.
 */
@RequiresServices(Service.ELASTICSEARCH)
final class ElasticsearchSmokeIT {

    private static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
    private static final Instant FIRST_ORDER = Instant.parse("2026-01-01T00:00:00Z");
    private static final int ORDERS = 300;

    record Order(String orderId, String region, String status, double amount, int items, String placedAt) {}

    private final String index = "concord-smoke-" + UUID.randomUUID();
    private RestClientTransport transport;
    private ElasticsearchClient client;

    @BeforeEach
    void connect(ServiceEndpoints endpoints) {
        RestClient restClient = RestClient.builder(HttpHost.create(endpoints.elasticsearchUrl()))
                .build();
        transport = new RestClientTransport(restClient, new JacksonJsonpMapper());
        client = new ElasticsearchClient(transport);
    }

    @AfterEach
    void deleteIndexAndDisconnect() throws Exception {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                assertThat(client.indices().delete(d -> d.index(index)).acknowledged())
                        .isTrue();
            }
            assertThat(client.indices().exists(e -> e.index(index)).value()).isFalse();
        } finally {
            transport.close();
        }
    }

    @Test
    void indexesSearchesAndAggregatesRecords() throws Exception {
        assertThat(client.info().version().number()).startsWith("8.19.");

        client.indices()
                .create(c -> c.index(index)
                        // one node: a replica could never be assigned and the index would stay yellow
                        .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                        .mappings(m -> m.dynamic(DynamicMapping.Strict)
                                .properties("orderId", p -> p.keyword(k -> k))
                                .properties("region", p -> p.keyword(k -> k))
                                .properties("status", p -> p.keyword(k -> k))
                                .properties("amount", p -> p.double_(d -> d))
                                .properties("items", p -> p.integer(i -> i))
                                .properties("placedAt", p -> p.date(d -> d))));
        assertThat(client.cluster()
                        .health(h -> h.index(index).waitForStatus(HealthStatus.Green))
                        .status())
                .isEqualTo(HealthStatus.Green);

        List<Order> orders =
                IntStream.range(0, ORDERS).mapToObj(ElasticsearchSmokeIT::order).toList();
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (Order order : orders) {
            bulk.operations(
                    op -> op.index(i -> i.index(index).id(order.orderId()).document(order)));
        }
        BulkResponse indexed = client.bulk(bulk.build());
        assertThat(indexed.errors()).isFalse();
        assertThat(indexed.items()).hasSize(ORDERS);
        client.indices().refresh(r -> r.index(index));

        assertThat(client.count(c -> c.index(index)).count()).isEqualTo(ORDERS);
        assertFilteredSearch(orders);
        assertAggregation(orders);
    }

    private void assertFilteredSearch(List<Order> orders) throws Exception {
        List<Order> expected = orders.stream()
                .filter(o -> o.region().equals("eu-west") && o.amount() >= 60.0)
                .toList();
        assertThat(expected).isNotEmpty().hasSizeLessThan(ORDERS);

        SearchResponse<Order> found = client.search(
                s -> s.index(index)
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.term(t -> t.field("region").value(FieldValue.of("eu-west"))))
                                .filter(f -> f.range(
                                        r -> r.number(n -> n.field("amount").gte(60.0))))))
                        .sort(o -> o.field(f -> f.field("orderId")))
                        .size(ORDERS),
                Order.class);

        assertThat(found.hits().total().value()).isEqualTo(expected.size());
        assertThat(found.hits().hits().stream().map(Hit::source).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private void assertAggregation(List<Order> orders) throws Exception {
        Map<String, Long> countByStatus = orders.stream().collect(groupingBy(Order::status, counting()));
        Map<String, Double> amountByStatus =
                orders.stream().collect(groupingBy(Order::status, summingDouble(Order::amount)));

        SearchResponse<Void> aggregated = client.search(
                s -> s.index(index)
                        .size(0)
                        .aggregations(
                                "by_status",
                                a -> a.terms(t -> t.field("status"))
                                        .aggregations("amount", sum -> sum.sum(v -> v.field("amount")))),
                Void.class);

        List<StringTermsBucket> buckets =
                aggregated.aggregations().get("by_status").sterms().buckets().array();
        assertThat(buckets).hasSize(countByStatus.size());
        for (StringTermsBucket bucket : buckets) {
            String status = bucket.key().stringValue();
            assertThat(bucket.docCount()).as(status).isEqualTo(countByStatus.get(status));
            assertThat(bucket.aggregations().get("amount").sum().value())
                    .as(status)
                    .isCloseTo(amountByStatus.get(status), within(1e-6));
        }
    }

    private static Order order(int i) {
        return new Order(
                "order-%04d".formatted(i),
                REGIONS.get(i % REGIONS.size()),
                i % 7 == 0 ? "FAILED" : i % 5 == 0 ? "PENDING" : "COMPLETED",
                (i % 40) * 2.5,
                1 + i % 4,
                FIRST_ORDER.plusSeconds(60L * i).toString());
    }
}
