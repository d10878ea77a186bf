package com.ciopulse.segmentsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** GET of one segment and of the list, DELETE, and what the sandbox answers to paths and methods it lacks. */
class SandboxReadDeleteTest extends SandboxHttpTestSupport {

    @Test
    void getAnswersTheSegmentInTheReferenceShape() {
        sandbox.seed(new SandboxSegment("SEG123", "NZ", "New Zealand", "n"));

        HttpResponse<String> response = client.get("SEG123");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"segment\":{\"Segment_System_ID\":\"SEG123\",\"Segment_Code\":\"NZ\","
                + "\"Segment_Name\":\"New Zealand\",\"Active\":\"N\"}}");
    }

    @Test
    void getOfAnUnknownSegmentIs404() {
        assertError(client.get("NOPE"), 404, "A Segment with this System ID was not found: 'NOPE'");
    }

    @Test
    void listIsTheReferenceLayoutWithItsTrailingComma() {
        sandbox.seed(SandboxSegment.active("SEG123", "NZ", "New Zealand"));
        sandbox.seed(SandboxSegment.active("SEG456", "AUS", "Australia"));
        sandbox.seed(SandboxSegment.active("SEG789", "EMEA", "EMEA"));

        HttpResponse<String> response = client.list();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"segments\":\n"
                + "[{\"segment\":{\"Segment_System_ID\":\"SEG123\",\"Segment_Code\":\"NZ\",\"Segment_Name\":\"New Zealand\",\"Active\":\"Y\"}},\n"
                + "{\"segment\":{\"Segment_System_ID\":\"SEG456\",\"Segment_Code\":\"AUS\",\"Segment_Name\":\"Australia\",\"Active\":\"Y\"}},\n"
                + "{\"segment\":{\"Segment_System_ID\":\"SEG789\",\"Segment_Code\":\"EMEA\",\"Segment_Name\":\"EMEA\",\"Active\":\"Y\"}},\n"
                + "]}");
    }

    @Test
    void emptyList() {
        assertThat(client.list().body()).isEqualTo("{\"segments\":\n[]}");
        assertThat(client.get("").body()).isEqualTo("{\"segments\":\n[]}");
    }

    @Test
    void listEscapesValuesAsJson() {
        sandbox.seed(SandboxSegment.active("id\"1", "Q", "Say \"hi\" \\ there"));

        assertThat(client.list().body()).contains(
                "{\"segment\":{\"Segment_System_ID\":\"id\\\"1\",\"Segment_Code\":\"Q\","
                        + "\"Segment_Name\":\"Say \\\"hi\\\" \\\\ there\",\"Active\":\"Y\"}},\n]}");
    }

    @Test
    void deleteAnswers202AndRemovesTheSegment() {
        sandbox.seed(SandboxSegment.active("SEG1", "VIC", "Victoria"));

        HttpResponse<String> response = client.delete("SEG1");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"message\":\"Segment with system_id 'SEG1' deleted\",\"status\":202}");
        assertThat(sandbox.segments()).isEmpty();
        assertThat(client.get("SEG1").statusCode()).isEqualTo(404);
    }

    @Test
    void deleteOfAnUnknownSegmentIs404() {
        assertError(client.delete("NOPE"), 404, "A Segment with this System ID was not found");
    }

    @Test
    void deleteOfASegmentWithSurveyResponsesIsRefusedWith400() {
        sandbox.seed(SandboxSegment.active("SEG1", "VIC", "Victoria"));
        sandbox.addSurveyResponse("SEG1");

        assertError(client.delete("SEG1"), 400, "has survey Responses completed for it and cannot be deleted");
        assertThat(sandbox.segment("SEG1")).isPresent();
    }

    @Test
    void resetForgetsSurveyResponses() {
        sandbox.seed(SandboxSegment.active("SEG1", "VIC", "Victoria"));
        sandbox.addSurveyResponse("SEG1");
        sandbox.reset();
        sandbox.seed(SandboxSegment.active("SEG1", "VIC", "Victoria"));

        assertThat(client.delete("SEG1").statusCode()).isEqualTo(202);
    }

    @Test
    void otherPathsAre404() {
        HttpResponse<String> response = client.send(client.request("")
                .uri(URI.create(sandbox.baseUrl() + "/surveys")).GET().build());

        assertError(response, 404, "No resource at /api/v5/surveys");
    }

    @Test
    void nestedPathUnderASegmentIs404SayingHowToEncodeASlash() {
        assertError(client.get("a/b"), 404, "percent-encode '/' in it as %2F");
    }

    @Test
    void otherMethodsAre405WithAllow() {
        HttpResponse<String> onSegment = client.send(client.request("/SEG1")
                .method("POST", BodyPublishers.ofString("{}")).build());
        HttpResponse<String> onList = client.send(client.request("")
                .PUT(BodyPublishers.ofString("{}")).build());

        assertError(onSegment, 405, "Method POST is not allowed here");
        assertThat(onSegment.headers().firstValue("Allow")).hasValue("GET, PUT, DELETE");
        assertError(onList, 405, "Method PUT is not allowed here");
        assertThat(onList.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void headIs405WithoutABody() {
        HttpResponse<String> response = client.send(client.request("/SEG1")
                .method("HEAD", BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEmpty();
    }
}
