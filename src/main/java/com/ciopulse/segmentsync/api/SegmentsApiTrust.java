package com.ciopulse.segmentsync.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * Which certificates the calls to the Segments API trust: the JVM's (its {@code cacerts}), or those of a trust
 * store of their own, for an API behind a proxy with a private certificate authority. Either way certificate and
 * host name verification stay on; the settings apply to the bundle's own endpoint only, never to a host's
 * {@code http} component.
 */
public final class SegmentsApiTrust {

    private SegmentsApiTrust() {
    }

    /**
     * The TLS parameters of the API endpoint.
     *
     * @param trustStore the trust store file; blank: the JVM's trusted certificates
     * @param password   its password (may be blank for a store without one); never shown in a message
     * @param type       its type ({@code PKCS12}, {@code JKS}); blank: the JVM's default type
     * @throws IllegalArgumentException when the trust store cannot be read, naming the file and why
     */
    public static SSLContextParameters sslContextParameters(String trustStore, String password, String type) {
        // the context itself is built at the first TLS connection (FirstUseSslContext); the store is read now
        SSLContextParameters parameters = FirstUseSslContext.parameters();
        if (trustStore == null || trustStore.isBlank()) {
            return parameters; // no trust managers given: the JVM's default ones
        }
        KeyStoreParameters store = new KeyStoreParameters();
        store.setKeyStore(load(Path.of(trustStore.strip()), password, type));
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        parameters.setTrustManagers(trust);
        return parameters;
    }

    private static KeyStore load(Path file, String password, String type) {
        String what = "The trust store of the Segments API (sync.segments-api.trust-store) '" + file + "'";
        String storeType = type == null || type.isBlank() ? KeyStore.getDefaultType() : type.strip();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(storeType);
            store.load(in, password == null || password.isBlank() ? null : password.toCharArray());
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isCertificate(store, alias))) {
                throw new IllegalArgumentException(what + " holds no trusted certificate");
            }
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " does not exist", e);
        } catch (IOException e) {
            // a wrong password shows as an IOException whose cause is an UnrecoverableKeyException
            throw new IllegalArgumentException(what + " cannot be read as a " + storeType + " store: " + e.getMessage()
                    + " (wrong sync.segments-api.trust-store-password or sync.segments-api.trust-store-type?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " cannot be read as a " + storeType + " store: " + e.getMessage(), e);
        }
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.isCertificateEntry(alias) || store.getCertificate(alias) != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
