package com.ciopulse.segmentsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/** The portal code and API key the sandbox accepts, checked against an {@code Authorization: Basic} header. */
final class BasicCredentials {

    /** The description of every 401, word for word from the reference. */
    static final String REJECTED = "Invalid security credentials";

    private static final String SCHEME = "basic ";

    private final byte[] expected;
    private final String header;

    BasicCredentials(String portalCode, String apiKey) {
        Objects.requireNonNull(portalCode, "portalCode");
        Objects.requireNonNull(apiKey, "apiKey");
        if (portalCode.isEmpty() || apiKey.isEmpty()) {
            throw new IllegalArgumentException("portalCode and apiKey must not be empty");
        }
        if (portalCode.indexOf(':') >= 0) {
            throw new IllegalArgumentException("portalCode must not contain ':' (it separates code and key)");
        }
        this.expected = (portalCode + ":" + apiKey).getBytes(StandardCharsets.UTF_8);
        this.header = "Basic " + Base64.getEncoder().encodeToString(expected);
    }

    /** The {@code Authorization} header value a client must send. */
    String header() {
        return header;
    }

    /** Whether the header holds these credentials (the scheme name is case-insensitive, as RFC 7617 says). */
    boolean accept(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return false;
        }
        try {
            byte[] given = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim());
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
