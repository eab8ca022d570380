package dev.concord.ingest.receiver;

import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The key and certificate chain both receivers serve TLS with: from PEM files or from a PKCS#12 keystore. */
public sealed interface TlsIdentity permits TlsFiles, TlsKeystore {

    /** Key managers holding the key and chain; the start of every TLS listener. */
    KeyManagerFactory keyManagers();

    /** An SSL context serving the certificate. */
    default SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers().getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
