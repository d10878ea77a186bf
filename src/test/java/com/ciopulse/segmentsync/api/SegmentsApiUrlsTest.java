package com.ciopulse.segmentsync.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link SegmentsApiUrls}: the URLs of the Segments API, with the system id as one encoded path segment. */
class SegmentsApiUrlsTest {

    private static final String BASE = "https://app.cio-pulse.com/api/v5";

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "a/b|a%2Fb",
            "x?y=1|x%3Fy%3D1",
            "#frag|%23frag",
            "50%|50%25",
            "a&clean|a%26clean",
            "'with space'|with%20space",
            "Zürich|Z%C3%BCrich",
            "..|%2E%2E",
            ".|%2E",
            "...|...",
            "+|%2B",
            "back\\slash|back%5Cslash",
            "東京|%E6%9D%B1%E4%BA%AC",
            "🚀|%F0%9F%9A%80",
            "a.b-c_d~e|a.b-c_d~e",
            "80a45geb4faec211f6a144g18110c73d|80a45geb4faec211f6a144g18110c73d"})
    void encodesEverythingButUnreservedCharacters(String systemId, String encoded) {
        assertThat(SegmentsApiUrls.encodePathSegment(systemId)).isEqualTo(encoded);
        assertThat(new SegmentsApiUrls(BASE, false).segment(systemId)).isEqualTo(BASE + "/segments/" + encoded);
    }

    @Test
    void cleanIsAppendedToTheSegmentUrlAsTheReferenceSays() {
        SegmentsApiUrls urls = new SegmentsApiUrls(BASE, true);

        assertThat(urls.segment("80a45geb4faec211f6a144g18110c73d"))
                .isEqualTo(BASE + "/segments/80a45geb4faec211f6a144g18110c73d&clean");
        assertThat(urls.segment("a&clean")).isEqualTo(BASE + "/segments/a%26clean&clean");
        assertThat(urls.segmentForGetOrDelete("SEG123")).isEqualTo(BASE + "/segments/SEG123");
        assertThat(urls.list()).isEqualTo(BASE + "/segments");
    }

    @Test
    void withoutCleanNothingIsAppended() {
        SegmentsApiUrls urls = new SegmentsApiUrls(BASE, false);

        assertThat(urls.segment("SEG123")).isEqualTo(BASE + "/segments/SEG123");
        assertThat(urls.clean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE + "/", BASE + "//", "  " + BASE + "/ "})
    void toleratesATrailingSlash(String baseUrl) {
        SegmentsApiUrls urls = new SegmentsApiUrls(baseUrl, false);

        assertThat(urls.baseUrl()).isEqualTo(BASE);
        assertThat(urls.list()).isEqualTo(BASE + "/segments");
    }

    @Test
    void acceptsALocalHttpServer() {
        assertThat(new SegmentsApiUrls("http://localhost:8089", false).list())
                .isEqualTo("http://localhost:8089/segments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/api/v5", "http://127.10.0.3/api/v5", "http://[::1]:9/api/v5",
            "http://LOCALHOST/api/v5"})
    void plainHttpIsFineOnThisHost(String baseUrl) {
        assertThat(new SegmentsApiUrls(baseUrl, false).baseUrl()).isEqualTo(baseUrl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.cio-pulse.com/api/v5", "http://10.0.0.5/api/v5", "http://127.0.0.1.evil.example/api",
            "http://localhost.evil.example/api"})
    void plainHttpToAnotherHostIsRefusedUnlessAllowed(String baseUrl) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SegmentsApiUrls(baseUrl, false))
                .withMessage("the Segments API base URL '" + baseUrl + "' is plain http to another host: the API key "
                        + "would cross the network unencrypted. Use https, or set sync.segments-api.allow-plain-http=true "
                        + "(SYNC_SEGMENTS_API_ALLOW_PLAIN_HTTP) if a TLS proxy on the way is meant to carry it");
        assertThat(new SegmentsApiUrls(baseUrl, false, true).baseUrl()).isEqualTo(baseUrl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "app.cio-pulse.com/api/v5", "ftp://app.cio-pulse.com/api/v5",
            "https://app.cio-pulse.com/api/v5?x=1", "https://app.cio-pulse.com/api/v5#top", "https://exa mple.com"})
    void refusesABaseUrlThatIsNotAnHttpRoot(String baseUrl) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SegmentsApiUrls(baseUrl, false))
                .withMessageContaining("Segments API base URL");
    }

    @Test
    void refusesUserInfoInTheBaseUrlWithoutRepeatingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SegmentsApiUrls("https://ABC123:s3cretpass@app.cio-pulse.com/api/v5", false))
                .withMessageContaining("user info")
                .withMessageNotContaining("s3cretpass");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void refusesABlankSystemId(String systemId) {
        SegmentsApiUrls urls = new SegmentsApiUrls(BASE, true);

        assertThatIllegalArgumentException().isThrownBy(() -> urls.segment(systemId));
    }

    @Test
    void refusesAnUnpairedSurrogateRatherThanSendingAQuestionMark() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SegmentsApiUrls.encodePathSegment("a\uD800"))
                .withMessageContaining("unpaired surrogate");
    }
}
