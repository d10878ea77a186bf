package com.ciopulse.segmentsync.sandbox;

/**
 * The Segments API itself, without HTTP: routes an authenticated request to its operation and turns the
 * outcome into the answer the reference documents.
 */
final class SegmentsApi {

    private static final String SEGMENT_METHODS = "GET, PUT, DELETE";
    private static final String COLLECTION_METHODS = "GET";

    private final SegmentStore store;

    SegmentsApi(SegmentStore store) {
        this.store = store;
    }

    ApiResponse handle(String method, String rawPath, String rawQuery, byte[] body) {
        try {
            SegmentsPath path = SegmentsPath.parse(rawPath, rawQuery);
            return switch (path.target()) {
                case COLLECTION -> method.equals("GET") ? list() : notAllowed(method, COLLECTION_METHODS);
                case SEGMENT -> segment(method, path, body);
                case UNKNOWN -> ApiResponse.error(404, "No resource at " + rawPath + "; segments are at "
                        + SegmentsPath.COLLECTION_PATH + " and " + SegmentsPath.COLLECTION_PATH + "/{system_id}");
            };
        } catch (ApiError error) {
            return error.toResponse();
        }
    }

    private ApiResponse segment(String method, SegmentsPath path, byte[] body) {
        return switch (method) {
            case "GET" -> get(path.systemId());
            case "PUT" -> put(path, body);
            case "DELETE" -> delete(path.systemId());
            default -> notAllowed(method, SEGMENT_METHODS);
        };
    }

    private ApiResponse list() {
        return ApiResponse.json(200, ApiJson.segmentList(store.all()));
    }

    private ApiResponse get(String systemId) {
        return store.find(systemId)
                .map(segment -> ApiResponse.json(200, ApiJson.segment(segment)))
                .orElseThrow(() -> SegmentStore.notFound(systemId));
    }

    private ApiResponse put(SegmentsPath path, byte[] body) {
        SegmentChanges changes = SegmentPayloadParser.parse(body);
        String invalid = changes.segmentName() == null || path.clean() ? null
                : SegmentNameCleaner.invalidCharacters(changes.segmentName());
        if (invalid != null) {
            throw ApiError.badRequest(invalid);
        }
        SegmentStore.Upserted upserted = store.upsert(path.systemId(),
                path.clean() ? changes.withCleanedName() : changes);
        return ApiResponse.json(upserted.created() ? 201 : 200, ApiJson.segment(upserted.segment()));
    }

    private ApiResponse delete(String systemId) {
        store.delete(systemId);
        return ApiResponse.json(202, ApiJson.message(202, "Segment with system_id '" + systemId + "' deleted"));
    }

    private static ApiResponse notAllowed(String method, String allowed) {
        return ApiResponse.error(405, "Method " + method + " is not allowed here; allowed: " + allowed)
                .withHeader("Allow", allowed);
    }
}
