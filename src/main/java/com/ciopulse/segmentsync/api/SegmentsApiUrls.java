package com.ciopulse.segmentsync.api;

import com.ciopulse.segmentsync.net.PlainHttp;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Builds the Segments API URLs from a base URL such as {@code https://app.cio-pulse.com/api/v5}. The system id
 * is percent-encoded, so whatever it holds ({@code /}, {@code ?}, {@code #}, {@code &}, {@code ..}) stays one
 * path segment and cannot change the request's meaning.
 */
public final class SegmentsApiUrls {

    /** What the reference says to add "to the end of your URL" so the API replaces invalid name characters. */
    public static final String CLEAN_SUFFIX = "&clean";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String baseUrl;
    /** {@code {base}/segments}, made once: every record's URL starts with it. */
    private final String segmentsUrl;
    private final boolean clean;

    /**
     * @param baseUrl the API root, e.g. {@code https://app.cio-pulse.com/api/v5}; a trailing {@code /} is fine
     * @param clean   whether {@link #segment} appends {@value #CLEAN_SUFFIX}
     * @throws IllegalArgumentException when the base URL is blank, not an absolute http(s) URL, or has a query or
     *                                  fragment (a path appended to it would land in them)
     */
    public SegmentsApiUrls(String baseUrl, boolean clean) {
        this(baseUrl, clean, false);
    }

    /**
     * @param allowPlainHttp whether a plain {@code http://} base URL may name a host other than this one (the
     *                       credentials would cross the network readable by anyone on the way)
     * @throws IllegalArgumentException as above, and for a plain http URL of another host unless allowed
     */
    public SegmentsApiUrls(String baseUrl, boolean clean, boolean allowPlainHttp) {
        this.baseUrl = checkedBaseUrl(baseUrl, allowPlainHttp);
        this.segmentsUrl = this.baseUrl + "/segments";
        this.clean = clean;
    }

    /** The base URL without trailing {@code /}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Whether {@link #segment} appends {@value #CLEAN_SUFFIX}. */
    public boolean clean() {
        return clean;
    }

    /**
     * The URL of one segment for the PUT that adds or updates it: {@code {base}/segments/{encoded id}}, followed
     * by {@value #CLEAN_SUFFIX} when clean is on. The reference documents {@code &clean} for add and update only;
     * for GET and DELETE use {@link #segmentForGetOrDelete}.
     *
     * @throws IllegalArgumentException when the system id is blank or not valid Unicode
     */
    public String segment(String systemId) {
        String url = segmentForGetOrDelete(systemId);
        return clean ? url + CLEAN_SUFFIX : url;
    }

    /**
     * The URL of one segment without {@value #CLEAN_SUFFIX}: {@code {base}/segments/{encoded id}}.
     *
     * @throws IllegalArgumentException when the system id is blank or not valid Unicode
     */
    public String segmentForGetOrDelete(String systemId) {
        if (systemId == null || systemId.isBlank()) {
            throw new IllegalArgumentException("a segment URL needs a non-blank system_id");
        }
        return segmentsUrl + "/" + encodePathSegment(systemId);
    }

    /** The URL of all segments: {@code {base}/segments}. */
    public String list() {
        return segmentsUrl;
    }

    /**
     * Percent-encodes the UTF-8 bytes of everything except the RFC 3986 unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}). A value of exactly {@code .} or {@code ..} has its dots encoded too, so it
     * cannot become a dot-segment that a client or server would resolve away.
     *
     * @throws IllegalArgumentException when the value holds an unpaired surrogate (it has no UTF-8 form)
     */
    public static String encodePathSegment(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        if (allUnreserved(value)) {
            return value; // the usual id: nothing to encode, no UTF-8 bytes to make for every call
        }
        StringBuilder out = new StringBuilder(value.length() * 3);
        ByteBuffer bytes = utf8(value);
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xFF;
            if (isUnreserved(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0x0F]);
            }
        }
        return out.toString();
    }

    private static boolean allUnreserved(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isUnreserved(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    /** UTF-8 that fails on an unpaired surrogate instead of sending {@code ?} for another segment's id. */
    private static ByteBuffer utf8(String value) {
        try {
            return StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the system_id holds an unpaired surrogate and has no UTF-8 form", e);
        }
    }

    private static String checkedBaseUrl(String baseUrl, boolean allowPlainHttp) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "the Segments API base URL is not set (e.g. https://app.cio-pulse.com/api/v5)");
        }
        String url = baseUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the Segments API base URL '" + baseUrl + "' is not a valid URL: "
                    + e.getReason(), e);
        }
        if (uri.getRawUserInfo() != null) {
            // not echoed: the user info may be a password
            throw new IllegalArgumentException("the Segments API base URL holds user info (user:password@); "
                    + "credentials go in the Authorization header, set CIOPULSE_PORTAL_CODE and CIOPULSE_API_KEY");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("the Segments API base URL '" + baseUrl
                    + "' is not an absolute http(s) URL (e.g. https://app.cio-pulse.com/api/v5)");
        }
        PlainHttp.check(uri, allowPlainHttp, "the Segments API base URL", baseUrl, "the API key",
                "sync.segments-api.allow-plain-http=true (SYNC_SEGMENTS_API_ALLOW_PLAIN_HTTP)");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the Segments API base URL '" + baseUrl
                    + "' has a query or fragment; the segment path is appended to it");
        }
        return url;
    }
}
