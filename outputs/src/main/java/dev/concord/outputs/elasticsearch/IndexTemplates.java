package dev.concord.outputs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Concord's index templates, with explicit and strict mappings: {@code <prefix>slo-*} (daily SLO snapshots),
 * {@code <prefix>transactions-*} (daily transaction outcomes) and {@code <prefix>decisions} (failover decisions). The
 * mappings live in {@code src/main/resources/elasticsearch/*-template.json}, the one place to change them.
 */
public final class IndexTemplates {

    /** Template names after the prefix, each read from {@code elasticsearch/<name>-template.json}. */
    public static final List<String> NAMES = List.of("slo", "transactions", "decisions");

    private IndexTemplates() {}

    /** The template body for one name, with the index prefix filled in. */
    public static String body(String name, String indexPrefix) {
        String resource = "/elasticsearch/" + name + "-template.json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no index template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", indexPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates or replaces every template; existing indices keep their mappings, new ones get these. */
    public static void install(ElasticsearchClient client, String indexPrefix) throws IOException {
        for (String name : NAMES) {
            String body = body(name, indexPrefix);
            client.indices()
                    .putIndexTemplate(PutIndexTemplateRequest.of(
                            b -> b.name(indexPrefix + name).withJson(new StringReader(body))));
        }
    }
}
