package com.ciopulse.segmentsync.source.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A local Salesforce on WireMock: the OAuth token endpoint, the REST query endpoints (queryAll and the pages
 * behind nextRecordsUrl) and the revoke endpoint camel-salesforce calls at shutdown.
 */
public final class FakeSalesforce implements AutoCloseable {

    static final String QUERY_ALL = "/services/data/v56.0/queryAll/";
    public static final String TOKEN = "/services/oauth2/token";

    public final WireMockServer server;

    private FakeSalesforce(WireMockServer server) {
        this.server = server;
    }

    public static FakeSalesforce start() {
        return start("127.0.0.1");
    }

    /** On this address only (0.0.0.0: every interface of this machine, for a login URL to another address). */
    static FakeSalesforce start(String bindAddress) {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress(bindAddress));
        server.start();
        FakeSalesforce salesforce = new FakeSalesforce(server);
        salesforce.grantTokens("token-1");
        server.stubFor(get(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
        return salesforce;
    }

    public String loginUrl() {
        return server.baseUrl();
    }

    /** Every login gets this access token. */
    public void grantTokens(String accessToken) {
        server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(token(accessToken)));
    }

    ResponseDefinitionBuilder token(String accessToken) {
        return json(200, """
                {"access_token":"%s","instance_url":"%s","id":"%s/id/00D000000000001/005000000000001",
                 "token_type":"Bearer","issued_at":"1772359200000","signature":"c2lnbmF0dXJl"}"""
                .formatted(accessToken, server.baseUrl(), server.baseUrl()));
    }

    /** Every queryAll answers one page, the last, with these records. */
    public void answerQueries(String... records) {
        server.stubFor(queryAll().willReturn(page(null, records)));
    }

    MappingBuilder queryAll() {
        return get(urlPathEqualTo(QUERY_ALL));
    }

    /** A page behind a nextRecordsUrl such as {@code /services/data/v56.0/query/01gXX-2000}. */
    MappingBuilder nextPage(String nextRecordsUrl) {
        return get(urlPathEqualTo(nextRecordsUrl));
    }

    static ResponseDefinitionBuilder page(String nextRecordsUrl, String... records) {
        return json(200, """
                {"totalSize":%d,"done":%s,%s"records":[%s]}""".formatted(records.length, nextRecordsUrl == null,
                nextRecordsUrl == null ? "" : "\"nextRecordsUrl\":\"" + nextRecordsUrl + "\",",
                String.join(",", records)));
    }

    static ResponseDefinitionBuilder error(int status, String errorCode, String message) {
        return json(status, """
                [{"message":"%s","errorCode":"%s"}]""".formatted(message, errorCode));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }

    /** An Account as the REST API returns it; {@code seconds} after 2026-03-01T10:00:00Z is its SystemModstamp. */
    public static String account(String id, String number, String name, int seconds, boolean deleted) {
        return """
                {"attributes":{"type":"Account","url":"/services/data/v56.0/sobjects/Account/%s"},"Id":"%s",\
                "AccountNumber":"%s","Name":"%s","SystemModstamp":"%s","IsDeleted":%s}"""
                .formatted(id, id, number, name, modstamp(seconds), deleted);
    }

    static String modstamp(int seconds) {
        return java.time.Instant.parse("2026-03-01T10:00:00Z").plusSeconds(seconds).toString().replace("Z", ".000+0000");
    }

    /** The SOQL of each queryAll request, in order. */
    List<String> queries() {
        return server.findAll(getRequestedFor(urlPathEqualTo(QUERY_ALL))).stream()
                .map(request -> request.queryParameter("q").firstValue()).toList();
    }

    public List<LoggedRequest> logins() {
        return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    /** The form fields of a login request, decoded. */
    static String form(LoggedRequest login) {
        return Arrays.stream(login.getBodyAsString().split("&"))
                .map(field -> URLDecoder.decode(field, StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    List<LoggedRequest> queryRequests() {
        return server.findAll(getRequestedFor(urlPathMatching("/services/data/.*")));
    }

    @Override
    public void close() {
        server.stop();
    }
}
