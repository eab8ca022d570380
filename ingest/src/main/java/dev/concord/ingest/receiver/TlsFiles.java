package dev.concord.ingest.receiver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;

/**
 * The server certificate (PEM, the chain in order) and its private key (PEM, unencrypted PKCS#8, RSA or EC) that both
 * receivers serve TLS with. Read with the JDK alone; anything unreadable fails at start with what to do about it.
 */
public record TlsFiles(Path certificate, Path privateKey) implements TlsIdentity {

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    private static final char[] IN_MEMORY_PASSWORD = "concord".toCharArray();

    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public KeyManagerFactory keyManagers() {
        try {
            Collection<? extends Certificate> chain;
            try (var in = Files.newInputStream(certificate)) {
                chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate in " + certificate);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", readKey(), IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY_PASSWORD);
            return factory;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read TLS files " + certificate + ", " + privateKey + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot use TLS certificate " + certificate + " with key " + privateKey + ": " + e.getMessage(), e);
        }
    }

    private PrivateKey readKey() throws IOException, GeneralSecurityException {
        String pem = Files.readString(privateKey, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(privateKey + " holds no unencrypted PKCS#8 key ('" + PKCS8_BEGIN
                    + "'); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new IllegalArgumentException(privateKey + " is not an RSA, EC or Ed25519 key", last);
    }
}
