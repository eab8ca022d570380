package dev.concord.outputs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the official client from an {@link ElasticsearchConfig}: hosts, authentication, TLS and timeouts. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {}

    /** A client the caller closes through {@code client._transport().close()}. */
    public static ElasticsearchClient create(ElasticsearchConfig config) {
        RestClientBuilder builder =
                RestClient.builder(config.hosts().stream().map(HttpHost::create).toArray(HttpHost[]::new));
        List<Header> headers = new ArrayList<>();
        if (config.apiKey() != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + config.apiKey()));
        } else if (config.username() != null) {
            String pair = config.username() + ":" + config.password();
            headers.add(new BasicHeader(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        builder.setDefaultHeaders(headers.toArray(Header[]::new));
        int timeoutMillis = (int) config.requestTimeout().toMillis();
        builder.setRequestConfigCallback(
                rc -> rc.setConnectTimeout(timeoutMillis).setSocketTimeout(timeoutMillis));
        SSLContext ssl = sslContext(config);
        if (ssl != null) {
            builder.setHttpClientConfigCallback(hc -> {
                hc.setSSLContext(ssl);
                if (config.trustAllCertificates()) {
                    hc.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                }
                return hc;
            });
        }
        return new ElasticsearchClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper()));
    }

    static SSLContext sslContext(ElasticsearchConfig config) {
        try {
            if (config.trustAllCertificates()) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
                return context;
            }
            if (config.caCertificatePath() != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(Path.of(config.caCertificatePath()))) {
                    int i = 0;
                    for (Certificate cert :
                            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, cert);
                    }
                    if (i == 0) {
                        throw new IllegalArgumentException(
                                "Elasticsearch: no certificate in " + config.caCertificatePath());
                    }
                }
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), new SecureRandom());
                return context;
            }
            return null;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Elasticsearch: cannot read CA certificate " + config.caCertificatePath() + ": " + e.getMessage(),
                    e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
