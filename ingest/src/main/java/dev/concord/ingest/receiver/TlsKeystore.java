package dev.concord.ingest.receiver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;

/**
 * A PKCS#12 keystore (as {@code keytool} or {@code openssl pkcs12 -export} write it) holding the server's key and
 * chain, and a file holding its password, which is also the key's password (a trailing newline is not part of it).
 * The password stays in a file so that it shows neither in the process list nor in the configuration.
 */
public record TlsKeystore(Path keystore, Path passwordFile) implements TlsIdentity {

    public TlsKeystore {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }

    @Override
    public KeyManagerFactory keyManagers() {
        char[] password;
        try {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8)
                    .stripTrailing()
                    .toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the keystore password file " + passwordFile + ": " + e, e);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the PKCS#12 keystore " + keystore + " (is the password in " + passwordFile
                            + " right?): " + e.getMessage(),
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the keystore " + keystore + ": " + e.getMessage(), e);
        }
    }
}
