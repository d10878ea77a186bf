package com.ciopulse.segmentsync.sandbox;

import java.util.Arrays;

/**
 * What a request URL addresses: the segment collection, one segment, or nothing the API knows; and whether the
 * {@code clean} flag is on.
 *
 * @param target   what the path addresses
 * @param systemId the percent-decoded {@code {system_id}} when {@code target} is {@link Target#SEGMENT}, else null
 * @param clean    whether the URL ends in {@code &clean} or its query holds a {@code clean} parameter
 */
record SegmentsPath(Target target, String systemId, boolean clean) {

    enum Target { COLLECTION, SEGMENT, UNKNOWN }

    static final String COLLECTION_PATH = "/api/v5/segments";

    /**
     * The reference says to add {@code &clean} "to the end of your URL", which on a URL without a query lands in
     * the path. It is matched on the raw path, so an escaped {@code %26clean} stays part of the system_id.
     */
    private static final String CLEAN_SUFFIX = "&clean";

    /** Reads a raw (not decoded) path and query; throws {@link ApiError} 400 when the system_id is badly escaped. */
    static SegmentsPath parse(String rawPath, String rawQuery) {
        boolean cleanSuffix = rawPath.endsWith(CLEAN_SUFFIX);
        String path = cleanSuffix ? rawPath.substring(0, rawPath.length() - CLEAN_SUFFIX.length()) : rawPath;
        boolean clean = cleanSuffix || queryHasClean(rawQuery);

        if (path.equals(COLLECTION_PATH) || path.equals(COLLECTION_PATH + "/")) {
            return new SegmentsPath(Target.COLLECTION, null, clean);
        }
        if (!path.startsWith(COLLECTION_PATH + "/")) {
            return new SegmentsPath(Target.UNKNOWN, null, clean);
        }
        String rawId = path.substring(COLLECTION_PATH.length() + 1);
        if (rawId.indexOf('/') >= 0) {
            throw new ApiError(404, "No resource at " + rawPath + ": the system_id must be a single path segment;"
                    + " percent-encode '/' in it as %2F");
        }
        try {
            return new SegmentsPath(Target.SEGMENT, PercentDecoder.decode(rawId), clean);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("system_id '" + rawId + "' is not valid percent-encoded UTF-8: " + e.getMessage());
        }
    }

    private static boolean queryHasClean(String rawQuery) {
        return rawQuery != null && Arrays.stream(rawQuery.split("&"))
                .anyMatch(parameter -> parameter.equals("clean") || parameter.startsWith("clean="));
    }
}
