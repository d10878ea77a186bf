package com.ciopulse.segmentsync.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@link SegmentsApiCredentials}: portal code and API key, checked early and never shown. */
class SegmentsApiCredentialsTest {

    /** The reference's sample credentials, the only ones allowed in tests. */
    private static final String PORTAL_CODE = "ABC123";
    private static final String API_KEY = "SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL";
    /** base64("ABC123:SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL"), computed outside Java. */
    private static final String EXPECTED_HEADER =
            "Basic QUJDMTIzOlNNellFQ1lKWUxwTnc4UHJmWDhFdFBPMnRjUDBYYUtKdlo0Rlc1Vkw=";

    @TempDir
    Path dir;

    @Test
    void authorizationHeaderIsBasicWithPortalCodeColonKey() {
        SegmentsApiCredentials credentials = SegmentsApiCredentials.of(PORTAL_CODE, API_KEY);

        assertThat(credentials.authorizationHeader()).isEqualTo(EXPECTED_HEADER);
        assertThat(credentials.portalCode()).isEqualTo(PORTAL_CODE);
    }

    @Test
    void surroundingWhitespaceIsDropped() {
        SegmentsApiCredentials credentials = SegmentsApiCredentials.of(" ABC123 ", API_KEY + "\n");

        assertThat(credentials.authorizationHeader()).isEqualTo(EXPECTED_HEADER);
    }

    @Test
    void toStringShowsThePortalCodeButNotTheKey() {
        assertThat(SegmentsApiCredentials.of(PORTAL_CODE, API_KEY))
                .hasToString("SegmentsApiCredentials[portalCode=ABC123, apiKey=****(40 chars)]");
    }

    static Stream<Arguments> invalidCredentials() {
        return Stream.of(
                arguments(null, API_KEY, "The CIOPulse portal code is missing."),
                arguments(" ", API_KEY, "The CIOPulse portal code is missing."),
                arguments("ABC:123", API_KEY, "The CIOPulse portal code contains a colon (:)"),
                arguments("ABC 123", API_KEY, "The CIOPulse portal code contains whitespace"),
                // a key pasted into the portal code slot must not be echoed either
                arguments(API_KEY + " x", API_KEY, "The CIOPulse portal code contains whitespace"),
                arguments(PORTAL_CODE, null, "The CIOPulse API key is missing."),
                arguments(PORTAL_CODE, "", "The CIOPulse API key is missing."),
                arguments(PORTAL_CODE, API_KEY.substring(0, 12),
                        "CIOPulse API keys are 40 characters; the configured key has 12. The key is not shown."),
                arguments(PORTAL_CODE, API_KEY + "X",
                        "CIOPulse API keys are 40 characters; the configured key has 41. The key is not shown."),
                arguments(PORTAL_CODE, API_KEY.substring(0, 20) + " " + API_KEY.substring(20),
                        "The CIOPulse API key contains whitespace at position 21"),
                arguments(PORTAL_CODE, API_KEY.substring(0, 16) + "-" + API_KEY.substring(17),
                        "The CIOPulse API key contains a character other than A-Z, a-z, 0-9 at position 17."),
                arguments(PORTAL_CODE, "\"" + API_KEY + "\"",
                        "The CIOPulse API key contains a character other than A-Z, a-z, 0-9 at position 1."));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidCredentials")
    void invalidCredentialsAreExplainedWithoutTheKey(String portalCode, String apiKey, String messageStart) {
        InvalidCredentialsException error = catchThrowableOfType(InvalidCredentialsException.class,
                () -> SegmentsApiCredentials.of(portalCode, apiKey));

        assertThat(error).hasMessageStartingWith(messageStart);
        assertRevealsNoKey(error, apiKey);
    }

    @Test
    void loadPrefersTheEnvironmentValuesAndLeavesTheFileAlone() {
        SegmentsApiCredentials credentials = SegmentsApiCredentials.load(PORTAL_CODE, API_KEY,
                dir.resolve("does-not-exist.properties").toString());

        assertThat(credentials.authorizationHeader()).isEqualTo(EXPECTED_HEADER);
    }

    @Test
    void loadReadsBlankValuesFromTheSecretsFile() throws IOException {
        Path secrets = write("secrets.properties", "# CIOPulse\nportal-code = ABC123\napi-key = " + API_KEY + "\n");

        assertThat(SegmentsApiCredentials.load("", null, secrets.toString()).authorizationHeader())
                .isEqualTo(EXPECTED_HEADER);
        assertThat(SegmentsApiCredentials.load(PORTAL_CODE, " ", secrets.toString()).authorizationHeader())
                .isEqualTo(EXPECTED_HEADER);
    }

    @Test
    void loadWithoutAnySourceSaysWhereToSetTheKey() {
        InvalidCredentialsException error = catchThrowableOfType(InvalidCredentialsException.class,
                () -> SegmentsApiCredentials.load(PORTAL_CODE, " ", null));

        assertThat(error).hasMessage("The CIOPulse API key is missing. The key is at the bottom of the Preferences "
                + "page in the CIOPulse Portal. Source: CIOPULSE_API_KEY (blank; no secrets file with api-key is "
                + "configured).");
    }

    @Test
    void loadNamesTheMissingSecretsFile() {
        Path missing = dir.resolve("missing.properties");

        InvalidCredentialsException error = catchThrowableOfType(InvalidCredentialsException.class,
                () -> SegmentsApiCredentials.load("", "", missing.toString()));

        assertThat(error).hasMessage("The secrets file '" + missing + "' does not exist.");
    }

    @Test
    void loadNamesAnUnreadableSecretsFile() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("secrets.d"));

        InvalidCredentialsException error = catchThrowableOfType(InvalidCredentialsException.class,
                () -> SegmentsApiCredentials.load("", "", directory.toString()));

        assertThat(error).hasMessageStartingWith("The secrets file '" + directory + "' cannot be read");
    }

    @Test
    void loadNamesASecretsFileThatIsNotUtf8WithoutShowingItsContent() throws IOException {
        Path secrets = dir.resolve("latin1.properties");
        Files.write(secrets, ("api-key=" + API_KEY + "\u00E9").getBytes(StandardCharsets.ISO_8859_1));

        InvalidCredentialsException error = catchThrowableOfType(InvalidCredentialsException.class,
                () -> SegmentsApiCredentials.load(PORTAL_CODE, "", secrets.toString()));

        assertThat(error).hasMessage("The secrets file '" + secrets + "' is not UTF-8 text.");
        assertRevealsNoKey(error, API_KEY);
    }

    @Test
    void loadNamesTheFileAValueCameFromWithoutShowingTheValue() throws IOException {
        String shortKey = API_KEY.substring(0, 12);
        Path secrets = write("secrets.properties", "portal-code=ABC123\napi-key=" + shortKey + "\n");

        InvalidCredentialsException error = catchThrowableOfType(InvalidCredentialsException.class,
                () -> SegmentsApiCredentials.load("", "", secrets.toString()));

        assertThat(error).hasMessage("CIOPulse API keys are 40 characters; the configured key has 12. The key is "
                + "not shown. Source: CIOPULSE_API_KEY (blank), then api-key in secrets file '" + secrets + "'.");
        assertRevealsNoKey(error, shortKey);
    }

    @Test
    void loadSaysWhichKeyTheSecretsFileLacks() throws IOException {
        Path secrets = write("secrets.properties", "api-key=" + API_KEY + "\n");

        InvalidCredentialsException error = catchThrowableOfType(InvalidCredentialsException.class,
                () -> SegmentsApiCredentials.load(null, null, secrets.toString()));

        assertThat(error).hasMessage("The CIOPulse portal code is missing. Source: CIOPULSE_PORTAL_CODE (blank), "
                + "then portal-code in secrets file '" + secrets + "'.");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /**
     * Neither message nor stack trace (causes included) holds the key, a 5-character piece of it, or the Base64
     * of {@code portal:key}.
     */
    private static void assertRevealsNoKey(Throwable error, String apiKey) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String logged = trace.toString();
        String key = apiKey == null ? "" : apiKey.strip();
        for (int i = 0; i + 5 <= key.length(); i++) {
            assertThat(logged).doesNotContain(key.substring(i, i + 5));
        }
        for (String pair : new String[] {PORTAL_CODE + ":" + key, PORTAL_CODE + ":" + API_KEY}) {
            String base64 = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            assertThat(logged).doesNotContain(base64);
        }
    }
}
