package com.ciopulse.segmentsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication and PUT: create, partial update, validation, the 422 on a taken code, {@code &clean}. */
class SandboxUpsertTest extends SandboxHttpTestSupport {

    private static final String VICTORIA = "{\"segment_name\": \"Victoria\", \"segment_code\": \"VIC\"}";
    private static final String UNAUTHORIZED = "{\"message\":\"Invalid security credentials\",\"status\":401}";

    @Test
    void acceptsTheConfiguredCredentials() {
        HttpResponse<String> response = client.put("SEG1", VICTORIA);

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void missingCredentialsAre401WithTheReferenceBody() {
        HttpRequest request = client.request("").GET().build();
        HttpRequest anonymous = HttpRequest.newBuilder(request.uri()).GET().build();

        HttpResponse<String> response = client.send(anonymous);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC123:wrong-key", "XYZ999:SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL", "ABC123"})
    void wrongCredentialsAre401AndChangeNothing(String credentials) {
        String header = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = client.send(
                SandboxClient.put(client.request("/SEG1").setHeader("Authorization", header), VICTORIA));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        assertThat(sandbox.segments()).isEmpty();
    }

    @Test
    void createAnswers201WithTheSegmentAndActiveDefaultsToY() {
        HttpResponse<String> response = client.put("80a45geb4faec211f6a144g18110c73d",
                "{\"segment_code\": \"AUS\", \"segment_name\": \"Australia\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"segment\":{\"Segment_System_ID\":\"80a45geb4faec211f6a144g18110c73d\","
                + "\"Segment_Code\":\"AUS\",\"Segment_Name\":\"Australia\",\"Active\":\"Y\"}}");
        assertThat(sandbox.segment("80a45geb4faec211f6a144g18110c73d"))
                .contains(new SandboxSegment("80a45geb4faec211f6a144g18110c73d", "AUS", "Australia", "y"));
    }

    @Test
    void updateAnswers200AndKeepsOmittedFields() {
        sandbox.seed(new SandboxSegment("SEG1", "AUS", "Australia", "n"));

        HttpResponse<String> response = client.put("SEG1", "{\"segment_name\": \"Australia & New Zealand\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"Segment_Name\":\"Australia & New Zealand\"", "\"Active\":\"N\"");
        assertThat(sandbox.segment("SEG1"))
                .contains(new SandboxSegment("SEG1", "AUS", "Australia & New Zealand", "n"));
    }

    @Test
    void updateMayChangeCodeAndActive() {
        sandbox.seed(SandboxSegment.active("SEG1", "AUS", "Australia"));

        HttpResponse<String> response = client.put("SEG1", "{\"segment_code\": \"ANZ\", \"active\": \"N\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.segment("SEG1")).contains(new SandboxSegment("SEG1", "ANZ", "Australia", "n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"segment_name\": \"Victoria\"}  | Field 'segment_code' is required to create a Segment",
            "{\"segment_code\": \"VIC\"}       | Field 'segment_name' is required to create a Segment",
            "{\"active\": \"y\"}               | Fields 'segment_code' and 'segment_name' are required"})
    void createWithoutAMandatoryFieldIs400NamingIt(String json, String message) {
        assertError(client.put("NEW", json), 400, message);
        assertThat(sandbox.segments()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"segment_name\": \"Vic\\\\toria\", \"segment_code\": \"VIC\"}",
            "{\"segment_name\": \"Victoria\", \"segment_code\": \"VIC\"}\\",
            "{\"segment_name\": \"Victoria\\u0020\", \"segment_code\": \"VIC\"}",
            "{\"segment_name\": \"Say \\\"hi\\\"\", \"segment_code\": \"VIC\"}"})
    void anyBackslashIs400EvenInValidJson(String json) {
        assertError(client.put("SEG1", json), 400, "JSON must not contain a backslash");
        assertThat(sandbox.segments()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"active\": \"yes\"}                 | Field 'active' must be y or n (either case), not 'yes'",
            "{\"active\": true}                    | Field 'active' must be a string, not boolean",
            "{\"segment_code\": \"VIC\", \"x\": 1} | Unknown field 'x'; allowed fields are segment_code, segment_name, active",
            "{\"segment_code\": 42}                | Field 'segment_code' must be a string, not number",
            "{\"segment_name\": null}              | Field 'segment_name' must be a string, not null",
            "{\"segment_name\": \"  \"}            | Field 'segment_name' must not be blank",
            "[{\"segment_code\": \"VIC\"}]         | JSON payload must be an object holding one Segment, not array",
            "{\"segment_code\": \"VIC\"            | Malformed JSON at line 1",
            "{\"segment_code\": \"A\", \"segment_code\": \"B\"} | Malformed JSON",
            "{\"segment_code\": \"VIC\"} {}        | Malformed JSON",
            "``                                    | JSON payload is missing"})
    void invalidPayloadIs400NamingTheProblem(String json, String message) {
        sandbox.seed(SandboxSegment.active("SEG1", "VIC", "Victoria"));

        assertError(client.put("SEG1", json), 400, message);
        assertThat(sandbox.segment("SEG1")).contains(SandboxSegment.active("SEG1", "VIC", "Victoria"));
    }

    @Test
    void bodyThatIsNotUtf8Is400() {
        byte[] latin1 = "{\"segment_name\": \"Zürich\", \"segment_code\": \"ZH\"}".getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = client.send(client.request("/SEG1")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());

        assertError(response, 400, "Request body is not valid UTF-8");
    }

    @Test
    void activeIsCaseInsensitiveAndStoredLowerCase() {
        client.put("SEG1", "{\"segment_name\": \"Victoria\", \"segment_code\": \"VIC\", \"active\": \"N\"}");

        assertThat(sandbox.segment("SEG1")).map(SandboxSegment::active).hasValue("n");
        assertThat(client.get("SEG1").body()).contains("\"Active\":\"N\"");
    }

    @Test
    void aCodeAnotherSegmentHasIs422OnCreateAndUpdate() {
        sandbox.seed(SandboxSegment.active("SEG1", "VIC", "Victoria"));
        sandbox.seed(SandboxSegment.active("SEG2", "NSW", "New South Wales"));

        assertError(client.put("SEG3", "{\"segment_name\": \"Vic 2\", \"segment_code\": \"VIC\"}"), 422,
                "Another Segment already has this Segment Code");
        assertError(client.put("SEG2", "{\"segment_code\": \"VIC\"}"), 422, "Another Segment already has this");
        assertThat(sandbox.segments()).extracting(SandboxSegment::segmentCode).containsExactly("VIC", "NSW");
    }

    @Test
    void resendingItsOwnCodeIsAnUpdate() {
        sandbox.seed(SandboxSegment.active("SEG1", "VIC", "Victoria"));

        assertThat(client.put("SEG1", VICTORIA).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SEG1&clean", "SEG1?clean", "SEG1?x=1&clean"})
    void cleanReplacesInvalidNameCharactersWithHyphens(String rawPath) {
        HttpResponse<String> response = client.put(rawPath,
                "{\"segment_name\": \"Sales — North: East – Zürich\", \"segment_code\": \"SNE\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(sandbox.segment("SEG1")).map(SandboxSegment::segmentName).hasValue("Sales - North- East - Zürich");
        assertThat(response.body()).contains("\"Segment_Name\":\"Sales - North- East - Zürich\"");
    }

    /** As strict as the reference: what {@code &clean} would replace is refused without it, on create and update. */
    @Test
    void withoutCleanANameWithADashOtherThanTheHyphenOrAColonIsRefused() {
        HttpResponse<String> created = client.put("SEG1", "{\"segment_name\": \"Zürich – Süd\", \"segment_code\": \"ZRH\"}");
        sandbox.seed(SandboxSegment.active("SEG2", "VIC", "Victoria"));
        HttpResponse<String> updated = client.put("SEG2", "{\"segment_name\": \"Victoria: Melbourne\"}");

        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(created.body()).contains("segment_name contains invalid characters (U+2013 EN DASH at position 8)");
        assertThat(updated.statusCode()).isEqualTo(400);
        assertThat(updated.body()).contains("(U+003A COLON at position 9)");
        assertThat(sandbox.segment("SEG1")).isEmpty();
        assertThat(sandbox.segment("SEG2")).contains(SandboxSegment.active("SEG2", "VIC", "Victoria"));
        assertThat(client.put("SEG1", "{\"segment_name\": \"Zürich - Süd (東京) A&B's/C.\", \"segment_code\": \"ZRH\"}")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void cleanAlsoAppliesOnUpdateAndLeavesTheCodeAlone() {
        sandbox.seed(SandboxSegment.active("SEG1", "A:B", "Old"));

        client.put("SEG1&clean", "{\"segment_name\": \"New: name\"}");

        assertThat(sandbox.segment("SEG1")).contains(SandboxSegment.active("SEG1", "A:B", "New- name"));
    }
}
