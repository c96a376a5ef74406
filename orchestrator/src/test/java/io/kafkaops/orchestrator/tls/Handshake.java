package io.kafkaops.orchestrator.tls;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real JSSE handshake on loopback: a server presenting a keystore, a client trusting a truststore with
 * hostname verification on ("HTTPS", what Kafka's ssl.endpoint.identification.algorithm=https sets).
 * The client reaches 127.0.0.1 but verifies the name it is given, so any advertised name can be tried without DNS.
 */
final class Handshake {
    /** What the server saw: the client's certificate subject when it sent one. */
    record Result(String serverSaw, Optional<String> clientSubject) {}

    static Result run(Store server, Store serverTrust, boolean needClientAuth, Store clientTrust, Optional<Store> clientKeys,
                      String verifiedName, String protocol) throws Exception {
        SSLContext serverContext = context(Optional.of(server), serverTrust, protocol);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(needClientAuth);
            listener.setEnabledProtocols(new String[] {protocol});
            listener.setSoTimeout(20_000);
            CompletableFuture<Optional<String>> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(20_000);
                    s.startHandshake();
                    Optional<String> peer = needClientAuth ? Optional.of(s.getSession().getPeerPrincipal().getName()) : Optional.empty();
                    int b = s.getInputStream().read();
                    s.getOutputStream().write(b + 1);
                    s.getOutputStream().flush();
                    return peer;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            SSLContext clientContext = context(clientKeys, clientTrust, protocol);
            String clientSaw;
            try {
                clientSaw = client(clientContext, listener.getLocalPort(), verifiedName, protocol);
            } catch (Exception clientSide) {
                String serverSide;
                try {
                    served.get(20, TimeUnit.SECONDS);
                    serverSide = "the server saw no error";
                } catch (Exception e) {
                    serverSide = "server: " + rootMessage(e);
                }
                throw new Failed("client: " + rootMessage(clientSide) + "; " + serverSide, clientSide);
            }
            // the server's TLS 1.3 close waits for the client's close_notify, so the client closes first
            return new Result(clientSaw, served.get(20, TimeUnit.SECONDS));
        }
    }

    /** A handshake refused on either side; the message has both sides' reasons. */
    static final class Failed extends Exception {
        Failed(String message, Throwable cause) { super(message, cause); }
    }

    private static String client(SSLContext context, int port, String verifiedName, String protocol) throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 20_000);
        try (SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket(plain, verifiedName, port, true)) {
            client.setSoTimeout(20_000);
            SSLParameters params = client.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setProtocols(new String[] {protocol});
            client.setSSLParameters(params);
            client.startHandshake();
            OutputStream out = client.getOutputStream();
            out.write(41);
            out.flush();
            InputStream in = client.getInputStream();
            int answer = in.read();
            return client.getSession().getPeerPrincipal().getName() + " answered " + answer;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    record Store(byte[] bytes, String type, char[] password) {
        static Store keystore(HostStores s, char[] pw) { return new Store(s.keystore(), s.keystoreType().name(), pw); }
        static Store truststore(HostStores s, char[] pw) { return new Store(s.truststore(), s.truststoreType().name(), pw); }

        KeyStore load() throws Exception {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(new ByteArrayInputStream(bytes), password);
            return ks;
        }
    }

    private static SSLContext context(Optional<Store> keys, Store trust, String protocol) throws Exception {
        KeyManagerFactory kmf = null;
        if (keys.isPresent()) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys.get().load(), keys.get().password());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust.load());
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
