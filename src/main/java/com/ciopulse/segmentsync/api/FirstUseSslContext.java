package com.ciopulse.segmentsync.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * An {@link SSLContext} built at its first TLS connection, not when the endpoint is created: camel-http builds the
 * https socket factory of the API endpoint while the routes start, even for a plain-http base URL (the sandbox), and
 * building the context loads the JVM's security providers and parses every certificate of {@code cacerts}, some 450
 * classes and a noticeable share of the runner's start. The context built is the one the parameters build.
 */
final class FirstUseSslContext extends SSLContext {

    private FirstUseSslContext(Spi spi) {
        super(spi, null, "TLS");
    }

    /** Parameters whose {@link SSLContextParameters#createSSLContext(CamelContext)} defers the work to first use. */
    static SSLContextParameters parameters() {
        return new SSLContextParameters() {
            @Override
            public SSLContext createSSLContext(CamelContext camelContext) {
                return new FirstUseSslContext(new Spi(() -> super.createSSLContext(camelContext)));
            }
        };
    }

    private interface Factory {
        SSLContext create() throws GeneralSecurityException, IOException;
    }

    private static final class Spi extends SSLContextSpi {

        private final Factory factory;
        private SSLContext context;
        private SSLSocketFactory sockets;

        Spi(Factory factory) {
            this.factory = factory;
        }

        private synchronized SSLContext context() throws SSLException {
            if (context == null) {
                try {
                    context = factory.create();
                    sockets = context.getSocketFactory();
                } catch (GeneralSecurityException | IOException e) {
                    throw new SSLException("Could not set up TLS for the Segments API: " + e.getMessage(), e);
                }
            }
            return context;
        }

        /** For the methods that cannot throw an IOException. */
        private SSLContext built() {
            try {
                return context();
            } catch (SSLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private SSLSocketFactory sockets() throws SSLException {
            context();
            return sockets;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("Already initialised by its SSLContextParameters");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Sockets();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return built().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return built().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return built().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return built().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return built().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return built().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return built().getSupportedSSLParameters();
        }

        /** Hands every call to the socket factory of the context, built by the first of them. */
        private final class Sockets extends SSLSocketFactory {

            @Override
            public String[] getDefaultCipherSuites() {
                built();
                return sockets.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                built();
                return sockets.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket() throws IOException {
                return sockets().createSocket();
            }

            @Override
            public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
                return sockets().createSocket(socket, host, port, autoClose);
            }

            @Override
            public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
                return sockets().createSocket(socket, consumed, autoClose);
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return sockets().createSocket(host, port);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return sockets().createSocket(host, port, localHost, localPort);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return sockets().createSocket(host, port);
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return sockets().createSocket(address, port, localAddress, localPort);
            }
        }
    }
}
