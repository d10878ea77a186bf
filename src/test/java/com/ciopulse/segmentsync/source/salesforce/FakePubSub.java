package com.ciopulse.segmentsync.source.salesforce;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A local Salesforce Pub/Sub API: a gRPC server over TLS (a localhost certificate made by keytool at test time)
 * that serves a change event topic and a platform event topic with their Avro schemas, keeps every event published
 * with a replay id (one sequence per topic), and
 * answers each subscription from the replay id it asks for (CUSTOM), from the next event (LATEST), from the first
 * (EARLIEST) or rejects it
 * like Salesforce does: an unknown replay id as corrupted, a session it was told has expired as an auth error.
 * It records every subscription: preset, replay id, access token.
 */
final class FakePubSub implements AutoCloseable {

    static final String TOPIC = "/data/AccountChangeEvent";
    static final String SCHEMA_ID = "schema-account-change-event";
    static final String PLATFORM_EVENT_TOPIC = "/event/Business_Unit_Change__e";
    static final String PLATFORM_EVENT_SCHEMA_ID = "schema-business-unit-change";
    static final String CORRUPTED_REPLAY_ID = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";
    static final String AUTH_ERROR = "sfdc.platform.eventbus.grpc.service.auth.error";
    private static final String STORE_PASSWORD = "fake-pubsub-store";
    private static final Context.Key<String> ACCESS_TOKEN = Context.key("accessToken");
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"AccountChangeEvent","namespace":"com.sforce.eventbus","fields":[
              {"name":"ChangeEventHeader","type":{"type":"record","name":"ChangeEventHeader","fields":[
                {"name":"entityName","type":"string"},
                {"name":"recordIds","type":{"type":"array","items":"string"}},
                {"name":"changeType","type":{"type":"enum","name":"ChangeType","symbols":["CREATE","UPDATE",
                  "DELETE","UNDELETE","GAP_CREATE","GAP_UPDATE","GAP_DELETE","GAP_UNDELETE","GAP_OVERFLOW"]}},
                {"name":"changeOrigin","type":"string"},
                {"name":"transactionKey","type":"string"},
                {"name":"sequenceNumber","type":"int"},
                {"name":"commitTimestamp","type":"long"},
                {"name":"commitNumber","type":"long"},
                {"name":"commitUser","type":"string"},
                {"name":"nulledFields","type":{"type":"array","items":"string"}},
                {"name":"diffFields","type":{"type":"array","items":"string"}},
                {"name":"changedFields","type":{"type":"array","items":"string"}}]}},
              {"name":"Name","type":["null","string"],"default":null},
              {"name":"AccountNumber","type":["null","string"],"default":null},
              {"name":"Type","type":["null","string"],"default":null}]}""");

    /** A platform event as Salesforce defines one: CreatedDate and CreatedById, then its own fields. */
    static final Schema PLATFORM_EVENT_SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"Business_Unit_Change__e","namespace":"com.sforce.eventbus","fields":[
              {"name":"CreatedDate","type":"long"},
              {"name":"CreatedById","type":"string"},
              {"name":"Unit_Key__c","type":["null","string"],"default":null},
              {"name":"Unit_Code__c","type":["null","string"],"default":null},
              {"name":"Unit_Name__c","type":["null","string"],"default":null},
              {"name":"Is_Active__c","type":["null","boolean"],"default":null}]}""");
    private static final Map<String, Schema> SCHEMAS = Map.of(SCHEMA_ID, SCHEMA, PLATFORM_EVENT_SCHEMA_ID,
            PLATFORM_EVENT_SCHEMA);
    private static final Map<String, String> SCHEMA_IDS = Map.of(TOPIC, SCHEMA_ID, PLATFORM_EVENT_TOPIC,
            PLATFORM_EVENT_SCHEMA_ID);

    /** One subscription as the client asked for it. */
    record Subscription(ReplayPreset preset, String replayId, String accessToken) {
    }

    private record Stored(long replayId, String schemaId, ByteString payload) {
    }

    private final Map<String, List<Stored>> events = new java.util.HashMap<>();
    private final List<Stream> streams = new ArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Set<String> expiredTokens = new java.util.HashSet<>();
    private final Server server;
    private final Path trustStore;

    private FakePubSub(Path folder) throws Exception {
        Path keyStore = folder.resolve("pubsub-localhost.p12");
        trustStore = folder.resolve("pubsub-trust.p12");
        Path certificate = folder.resolve("pubsub-localhost.crt");
        if (!Files.exists(trustStore)) {
            keytool("-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString());
            keytool("-exportcert", "-alias", "localhost", "-rfc", "-keystore", keyStore.toString(),
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "localhost", "-storetype", "PKCS12",
                    "-keystore", trustStore.toString(), "-file", certificate.toString());
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD.toCharArray());
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                        TlsServerCredentials.newBuilder().keyManager(keyManagers.getKeyManagers()).build())
                .addService(ServerInterceptors.intercept(new Service(), new TokenInterceptor()))
                .build().start();
    }

    /**
     * Starts a server with a certificate kept in {@code folder} (made there once). The JVM's default trust store
     * becomes one that trusts it, as camel-salesforce's Pub/Sub client takes the default; {@link #close()}
     * restores it.
     */
    static FakePubSub start(Path folder) throws Exception {
        FakePubSub pubSub = new FakePubSub(folder);
        System.setProperty("javax.net.ssl.trustStore", pubSub.trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", STORE_PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        return pubSub;
    }

    int port() {
        return server.getPort();
    }

    /** Publishes a change event (fields: Name, AccountNumber, Type; absent ones null) and returns its replay id. */
    String publish(String changeType, List<String> recordIds, Map<String, String> fields) {
        GenericRecord header = new GenericData.Record(SCHEMA.getField("ChangeEventHeader").schema());
        header.put("entityName", "Account");
        header.put("recordIds", recordIds);
        header.put("changeType", new GenericData.EnumSymbol(header.getSchema().getField("changeType").schema(), changeType));
        header.put("changeOrigin", "com/salesforce/api/soap/58.0;client=test");
        header.put("transactionKey", UUID.randomUUID().toString());
        header.put("sequenceNumber", 1);
        header.put("commitTimestamp", System.currentTimeMillis());
        header.put("commitNumber", 1L);
        header.put("commitUser", "005000000000001AAA");
        header.put("nulledFields", List.of());
        header.put("diffFields", List.of());
        header.put("changedFields", List.copyOf(fields.keySet()));
        GenericRecord event = new GenericData.Record(SCHEMA);
        event.put("ChangeEventHeader", header);
        fields.forEach(event::put);
        return append(TOPIC, event);
    }

    /**
     * Publishes a platform event on {@link #PLATFORM_EVENT_TOPIC} (fields: Unit_Key__c, Unit_Code__c, Unit_Name__c,
     * Is_Active__c; absent ones null) and returns its replay id.
     */
    String publishEvent(Map<String, ?> fields) {
        GenericRecord event = new GenericData.Record(PLATFORM_EVENT_SCHEMA);
        event.put("CreatedDate", System.currentTimeMillis());
        event.put("CreatedById", "005000000000001AAA");
        fields.forEach(event::put);
        return append(PLATFORM_EVENT_TOPIC, event);
    }

    private String append(String topic, GenericRecord event) {
        ByteString payload = ByteString.copyFrom(avro(event));
        List<Stream> listening;
        Stored stored;
        synchronized (this) {
            List<Stored> log = events.computeIfAbsent(topic, t -> new ArrayList<>());
            stored = new Stored(log.size() + 1, SCHEMA_IDS.get(topic), payload);
            log.add(stored);
            listening = streams.stream().filter(stream -> topic.equals(stream.topic)).toList();
        }
        listening.forEach(stream -> stream.deliver(List.of(stored)));
        return replayId(stored.replayId());
    }

    /** The replay id of the n-th event published (1 for the first), as the client stores it (base64). */
    static String replayId(long n) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(n).array());
    }

    /** Ends the open subscriptions made with this access token with an auth error, and refuses it from now on. */
    void expire(String accessToken) {
        List<Stream> ended;
        synchronized (this) {
            expiredTokens.add(accessToken);
            ended = streams.stream().filter(stream -> accessToken.equals(stream.subscription.accessToken())).toList();
        }
        ended.forEach(stream -> stream.fail(Status.UNAUTHENTICATED, AUTH_ERROR));
    }

    /** Forgets the events, subscriptions and expired sessions of a test; ends the subscriptions still open. */
    void reset() {
        List<Stream> open;
        synchronized (this) {
            events.clear();
            expiredTokens.clear();
            subscriptions.clear();
            open = List.copyOf(streams);
        }
        open.forEach(Stream::complete);
    }

    List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    synchronized int openStreams() {
        return streams.size();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
    }

    private static byte[] avro(GenericRecord event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            new GenericDatumWriter<GenericRecord>(event.getSchema()).write(event, encoder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", STORE_PASSWORD));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }

    /** One open subscription: it gets every event after its position, as they are published. */
    private final class Stream {

        private final StreamObserver<FetchResponse> responses;
        private Subscription subscription;
        private String topic;
        private long position;
        private boolean ended;

        Stream(StreamObserver<FetchResponse> responses) {
            this.responses = responses;
        }

        void subscribe(FetchRequest request, String accessToken) {
            subscription = new Subscription(request.getReplayPreset(), request.getReplayPreset() == ReplayPreset.CUSTOM
                    ? Base64.getEncoder().encodeToString(request.getReplayId().toByteArray()) : null, accessToken);
            subscriptions.add(subscription);
            List<Stored> backlog;
            synchronized (FakePubSub.this) {
                topic = request.getTopicName();
                List<Stored> log = events.getOrDefault(topic, List.of());
                if (accessToken == null || expiredTokens.contains(accessToken)) {
                    fail(Status.UNAUTHENTICATED, AUTH_ERROR);
                    return;
                }
                if (request.getReplayPreset() == ReplayPreset.CUSTOM) {
                    ByteBuffer id = request.getReplayId().asReadOnlyByteBuffer();
                    position = id.remaining() == Long.BYTES ? id.getLong() : -1;
                    if (position < 0 || position > log.size()) {
                        fail(Status.INVALID_ARGUMENT, CORRUPTED_REPLAY_ID);
                        return;
                    }
                } else {
                    position = request.getReplayPreset() == ReplayPreset.EARLIEST ? 0 : log.size();
                }
                streams.add(this);
                backlog = List.copyOf(log.subList((int) position, log.size()));
            }
            deliver(backlog);
        }

        synchronized void deliver(List<Stored> batch) {
            for (Stored event : batch) {
                if (ended || event.replayId() <= position) {
                    continue;
                }
                position = event.replayId();
                ByteString replayId = ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(event.replayId()).array());
                responses.onNext(FetchResponse.newBuilder()
                        .addEvents(ConsumerEvent.newBuilder().setReplayId(replayId).setEvent(ProducerEvent.newBuilder()
                                .setId(UUID.randomUUID().toString()).setSchemaId(event.schemaId()).setPayload(event.payload())))
                        .setLatestReplayId(replayId).setRpcId(UUID.randomUUID().toString()).setPendingNumRequested(99)
                        .build());
            }
        }

        synchronized void fail(Status status, String errorCode) {
            end();
            Metadata trailers = new Metadata();
            trailers.put(ERROR_CODE, errorCode);
            responses.onError(status.withDescription(errorCode).asRuntimeException(trailers));
        }

        synchronized void complete() {
            if (!ended) {
                end();
                responses.onCompleted();
            }
        }

        private void end() {
            ended = true;
            synchronized (FakePubSub.this) {
                streams.remove(this);
            }
        }
    }

    private final class Service extends PubSubGrpc.PubSubImplBase {

        @Override
        public void getTopic(TopicRequest request, StreamObserver<TopicInfo> responses) {
            responses.onNext(TopicInfo.newBuilder().setTopicName(request.getTopicName())
                    .setSchemaId(SCHEMA_IDS.get(request.getTopicName()))
                    .setCanSubscribe(true).build());
            responses.onCompleted();
        }

        @Override
        public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> responses) {
            responses.onNext(SchemaInfo.newBuilder().setSchemaId(request.getSchemaId())
                    .setSchemaJson(SCHEMAS.get(request.getSchemaId()).toString()).build());
            responses.onCompleted();
        }

        @Override
        public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
            Stream stream = new Stream(responses);
            String accessToken = ACCESS_TOKEN.get();
            return new StreamObserver<>() {
                private boolean first = true;

                @Override
                public void onNext(FetchRequest request) {
                    // later requests only ask for more events: this fake sends them as they come
                    if (first) {
                        first = false;
                        stream.subscribe(request, accessToken);
                    }
                }

                @Override
                public void onError(Throwable error) {
                    stream.end();
                }

                @Override
                public void onCompleted() {
                    stream.complete();
                }
            };
        }
    }

    /** Puts the access token the client sent (header accessToken) where the service can read it. */
    private static final class TokenInterceptor implements ServerInterceptor {
        private static final Metadata.Key<String> HEADER = Metadata.Key.of("accessToken", Metadata.ASCII_STRING_MARSHALLER);

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                          ServerCallHandler<Q, A> next) {
            return Contexts.interceptCall(Context.current().withValue(ACCESS_TOKEN, headers.get(HEADER)), call, headers, next);
        }
    }
}
