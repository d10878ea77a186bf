package com.ciopulse.segmentsync.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder on a local port in front of a database server, which a test can take down and bring back: while
 * down, the open connections are cut and new ones are refused, exactly what a client sees of a stopped server,
 * while the real server (PostgreSQL is shared by every test) keeps running.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Pattern JDBC_HOST_AND_PORT = Pattern.compile("//([^/:?]+):(\\d+)/");

    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private int port;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Listens on a free local port and forwards every connection to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort);
        proxy.listen(0);
        return proxy;
    }

    /** A proxy in front of the server a JDBC URL ({@code jdbc:...://host:port/...}) names. */
    public static TcpProxy inFrontOf(String jdbcUrl) throws IOException {
        Matcher server = JDBC_HOST_AND_PORT.matcher(jdbcUrl);
        if (!server.find()) {
            throw new IllegalArgumentException("no //host:port/ in " + jdbcUrl);
        }
        return start(server.group(1), Integer.parseInt(server.group(2)));
    }

    /** The same JDBC URL, through this proxy. */
    public String jdbcUrlThrough(String jdbcUrl) {
        return JDBC_HOST_AND_PORT.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    /** Cuts every open connection and stops accepting new ones: the server looks stopped. */
    public synchronized void takeDown() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Accepts connections on the same port again: the server looks restarted. */
    public synchronized void bringBack() throws IOException {
        listen(port);
    }

    @Override
    public void close() throws IOException {
        takeDown();
    }

    private void listen(int localPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
        port = socket.getLocalPort();
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                if (socket.isClosed()) { // taken down while this connection was being opened
                    closeQuietly(client);
                    closeQuietly(server);
                    return;
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // the listener was closed: the proxy is down
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed or was cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
