package com.ciopulse.segmentsync.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for credentials over plain http, which the Segments API and the sources share. */
class PlainHttpTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8089/x", "http://LOCALHOST/x", "http://127.0.0.1:8080/", "http://127.10.0.3/",
            "http://[::1]:9/x", "http://[0:0:0:0:0:0:0:1]/", "https://login.salesforce.com", "https://203.0.113.10/"})
    void thisHostOrTlsIsFine(String url) {
        assertThat(PlainHttp.toAnotherHost(URI.create(url))).isFalse();
        assertThatCode(() -> PlainHttp.check(URI.create(url), false, "url", url, "the secret", "x=true")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://203.0.113.10/", "HTTP://login.salesforce.com", "http://10.0.0.5:8080/",
            "http://127.0.0.1.evil.example/", "http://localhost.evil.example/", "http://[fd00::2]/"})
    void plainHttpToAnotherHostIsRefusedUnlessAllowed(String url) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlainHttp.check(URI.create(url), false, "loginUrl", url, "the client secret",
                        "the parameter allowPlainHttp=true"))
                .withMessage("loginUrl '" + url + "' is plain http to another host: the client secret would cross the"
                        + " network unencrypted. Use https, or set the parameter allowPlainHttp=true if a TLS proxy on"
                        + " the way is meant to carry it");
        assertThatCode(() -> PlainHttp.check(URI.create(url), true, "loginUrl", url, "the client secret", "x"))
                .doesNotThrowAnyException();
    }

    @Test
    void aUrlWithoutHostIsNotLoopback() {
        assertThat(PlainHttp.toAnotherHost(URI.create("http:relative"))).isTrue();
    }
}
