package com.ciopulse.segmentsync.source.rest;

import com.ciopulse.segmentsync.net.RetryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The small parsing a poll depends on: query parameters, Link headers, Retry-After, update times. */
class PageUrlsTest {

    @Test
    void aParameterIsReplacedNotRepeatedAndEncoded() {
        assertThat(PageUrls.withParam("https://h/api/units?sort=name&page=2", "page", "3"))
                .isEqualTo("https://h/api/units?sort=name&page=3");
        assertThat(PageUrls.withParam("https://h/api/units", "page[after]", "a b&c"))
                .isEqualTo("https://h/api/units?page%5Bafter%5D=a+b%26c");
        assertThat(PageUrls.withParam("https://h/api/units?page%5Bafter%5D=x", "page[after]", "y"))
                .isEqualTo("https://h/api/units?page%5Bafter%5D=y");
    }

    @Test
    void theNextLinkIsFoundAmongOthersAndResolved() {
        String link = "<https://h/api/v2/companies?page=1>; rel=\"prev\", </api/v2/companies?page=3>; rel=\"next\"";
        assertThat(PageUrls.nextLink(link, "https://h/api/v2/companies?page=2")).isEqualTo("https://h/api/v2/companies?page=3");
        assertThat(PageUrls.nextLink("<https://h/x?page=1>; rel=\"prev\"", "https://h/x")).isNull();
        assertThat(PageUrls.nextLink(null, "https://h/x")).isNull();
    }

    @Test
    void theOriginSaysWhereCredentialsMayGo() {
        assertThat(PageUrls.origin("https://Example.zendesk.com/api/v2/x?y=1")).isEqualTo("https://example.zendesk.com:443");
        assertThat(PageUrls.origin("http://127.0.0.1:8080/x")).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @Test
    void anUpdateTimeIsAnIsoDateTimeOrEpochSeconds() {
        assertThat(Marks.read("2026-03-01T11:00:00+01:00")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(Marks.read(1772359200)).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(Marks.read("yesterday")).isNull();
        assertThat(Marks.format(Instant.parse("2026-03-01T10:00:00Z"), "epoch")).isEqualTo("1772359200");
        assertThat(Marks.decode(Marks.encode(Instant.parse("2026-03-01T10:00:00Z")))).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }
}
