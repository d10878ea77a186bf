package com.ciopulse.segmentsync.api;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS stays verified: an HTTPS server with a self-signed certificate (made by keytool for this run) is refused
 * until a trust store holding it is configured, and a trusted certificate issued for another host name is still
 * refused. Refused means: the handshake fails, no request (and so no credential) reaches the server, the record
 * is dead-lettered with a reason that says what to check.
 */
class SegmentsApiTlsTest {

    private static final String STORE_PASSWORD = "test-store-password";

    @TempDir
    static Path certificates;
    static Https forLocalhost;
    static Https forAnotherHost;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startServers() throws Exception {
        forLocalhost = Https.start(certificates, "localhost", "dns:localhost,ip:127.0.0.1");
        forAnotherHost = Https.start(certificates, "other.example", "dns:other.example");
    }

    @AfterAll
    static void stopServers() {
        forLocalhost.close();
        forAnotherHost.close();
    }

    @Test
    void aSelfSignedServerIsRefusedWithoutATrustStore() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir, settings(forLocalhost, null))) {
            SegmentOutcome outcome = sync.sync(upsert("TLS-1", "T1", "One", null));

            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.message()).contains("TLS with the Segments API failed, nothing was sent: "
                    + "SSLHandshakeException").contains("sync.segments-api.trust-store");
        }
        assertThat(forLocalhost.requests).isEmpty();
    }

    @Test
    void theServerIsTrustedOnceTheTrustStoreHoldsItsCertificate() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir, settings(forLocalhost, forLocalhost.trustStore))) {
            assertThat(sync.sync(upsert("TLS-2", "T2", "Two", null)).outcome()).isEqualTo(Outcome.CREATED);
        }
        assertThat(forLocalhost.requests).containsExactly("PUT /api/v5/segments/TLS-2");
        forLocalhost.requests.clear();
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsStillRefused() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir, settings(forAnotherHost, forAnotherHost.trustStore))) {
            SegmentOutcome outcome = sync.sync(upsert("TLS-3", "T3", "Three", null));

            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.message()).contains("TLS with the Segments API failed, nothing was sent: "
                    + "SSLPeerUnverifiedException").contains("localhost");
        }
        assertThat(forAnotherHost.requests).isEmpty();
    }

    @Test
    void aTrustStoreThatCannotBeReadStopsTheStart() {
        Properties missing = settings(forLocalhost, certificates.resolve("missing.p12"));
        assertThatThrownBy(() -> SyncHarness.start(dataDir, missing).close())
                .hasMessageContaining("The trust store of the Segments API (sync.segments-api.trust-store) '")
                .hasMessageContaining("missing.p12' does not exist");

        Properties wrongPassword = settings(forLocalhost, forLocalhost.trustStore);
        wrongPassword.setProperty("sync.segments-api.trust-store-password", "not-the-password");
        assertThatThrownBy(() -> SyncHarness.start(dataDir, wrongPassword).close())
                .hasMessageContaining("cannot be read as a PKCS12 store")
                .hasMessageContaining("sync.segments-api.trust-store-password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
    }

    private static Properties settings(Https server, Path trustStore) {
        Properties settings = new Properties();
        settings.setProperty("sync.segments-api.base-url", "https://localhost:" + server.port() + "/api/v5");
        settings.setProperty("sync.segments-api.retry.max-attempts", "1");
        if (trustStore != null) {
            settings.setProperty("sync.segments-api.trust-store", trustStore.toString());
            settings.setProperty("sync.segments-api.trust-store-password", STORE_PASSWORD);
            settings.setProperty("sync.segments-api.trust-store-type", "PKCS12");
        }
        return settings;
    }

    /** A JDK HTTPS server on 127.0.0.1 with a new self-signed certificate, and a trust store holding only it. */
    static final class Https implements AutoCloseable {

        final HttpsServer server;
        final Path trustStore;
        final List<String> requests = new CopyOnWriteArrayList<>();

        private Https(HttpsServer server, Path trustStore) {
            this.server = server;
            this.trustStore = trustStore;
        }

        static Https start(Path folder, String commonName, String subjectAltNames) throws Exception {
            Path keyStore = folder.resolve(commonName + ".p12");
            Path certificate = folder.resolve(commonName + ".cer");
            Path trustStore = folder.resolve(commonName + "-trust.p12");
            keytool("-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + commonName, "-ext", "SAN=" + subjectAltNames, "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
            keytool("-exportcert", "-alias", "api", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "api", "-file", certificate.toString(), "-storetype",
                    "PKCS12", "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);

            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, STORE_PASSWORD.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, STORE_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);

            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            Https https = new Https(server, trustStore);
            server.createContext("/", exchange -> {
                https.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"segment\":{}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return https;
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }

        private static void keytool(String... arguments) throws IOException, InterruptedException {
            List<String> command = new java.util.ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(arguments));
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        }
    }
}
