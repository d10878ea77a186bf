package com.ciopulse.segmentsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One sandbox per test class, emptied before each test, and a client for it. */
abstract class SandboxHttpTestSupport {

    static SegmentsSandbox sandbox;
    static SandboxClient client;

    @BeforeAll
    static void startSandbox() {
        sandbox = SegmentsSandbox.start(0, SandboxClient.PORTAL_CODE, SandboxClient.API_KEY);
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void closeSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void resetSandbox() {
        sandbox.reset();
    }

    static void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).startsWith("{\"message\":\"").contains(messagePart)
                .endsWith("\",\"status\":" + status + "}");
    }
}
