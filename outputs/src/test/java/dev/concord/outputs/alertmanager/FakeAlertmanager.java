package dev.concord.outputs.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An Alertmanager stand-in on an ephemeral loopback port that records what it was sent and answers as told. */
final class FakeAlertmanager implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    FakeAlertmanager() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = status;
            if (answer == 200) {
                posts.add(new ObjectMapper().readTree(body));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(int status) {
        this.status = status;
    }

    /** Every alert received, in order, across posts. */
    List<JsonNode> alerts() {
        List<JsonNode> all = new ArrayList<>();
        posts.forEach(p -> p.forEach(all::add));
        return all;
    }

    int posts() {
        return posts.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
