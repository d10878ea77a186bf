package com.ciopulse.segmentsync.source.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * How a REST source authenticates: the header it sets on each request of a poll, and removes after it.
 *
 * <ul>
 *   <li>{@code basic}: {@code Authorization: Basic base64(user:secret)}; with no user, the secret is the whole
 *       {@code user:password} pair (Freshdesk: {@code API_KEY:X}).</li>
 *   <li>{@code bearer}: {@code Authorization: Bearer secret}.</li>
 *   <li>{@code api-key}: the secret in the header named by {@code apiKeyHeader}.</li>
 *   <li>{@code none}.</li>
 * </ul>
 */
record RestAuth(String header, String value) {

    static final RestAuth NONE = new RestAuth(null, null);

    /**
     * @throws IllegalArgumentException for another type, or a type that needs a secret without one
     */
    static RestAuth of(String type, String user, String secret, String apiKeyHeader) {
        String kind = type == null ? "none" : type.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("none") && secret.isEmpty()) {
            throw new IllegalArgumentException("auth " + kind + " needs a secret, and none is set");
        }
        return switch (kind) {
            case "none" -> NONE;
            case "basic" -> new RestAuth("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user.isEmpty() ? secret : user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
            case "bearer" -> new RestAuth("Authorization", "Bearer " + secret);
            case "api-key" -> new RestAuth(requireHeader(apiKeyHeader), secret);
            default -> throw new IllegalArgumentException("auth must be none, basic, bearer or api-key, not '" + type + "'");
        };
    }

    /**
     * Checks the type, and the header of api-key, before any secret is read.
     *
     * @return whether the type sends a secret with each request
     */
    static boolean check(String type, String apiKeyHeader) {
        return !of(type, "", "unread", apiKeyHeader).isNone();
    }

    private static String requireHeader(String name) {
        if (name == null || name.isBlank() || !name.trim().matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("auth api-key needs apiKeyHeader, a header name such as X-Api-Key");
        }
        return name.trim();
    }

    boolean isNone() {
        return header == null;
    }

    @Override
    public String toString() {
        // never the value: it holds the secret
        return isNone() ? "no authentication" : "authentication in " + header;
    }
}
