package com.ciopulse.segmentsync.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;

/**
 * Strict percent-decoding of one URL path segment as UTF-8. Unlike {@link java.net.URLDecoder} it leaves
 * {@code +} alone (that is form encoding, not path encoding) and refuses broken escapes instead of guessing.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    /** Decodes {@code raw}; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                escaped.write(hexByte(raw, i));
                i += 3;
            } else {
                flushUtf8(escaped, decoded);
                decoded.append(c);
                i++;
            }
        }
        flushUtf8(escaped, decoded);
        return decoded.toString();
    }

    private static int hexByte(String raw, int percentAt) {
        if (percentAt + 2 >= raw.length()) {
            throw new IllegalArgumentException("'%' at position " + percentAt + " is not followed by two hex digits");
        }
        int high = Character.digit(raw.charAt(percentAt + 1), 16);
        int low = Character.digit(raw.charAt(percentAt + 2), 16);
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("'" + raw.substring(percentAt, percentAt + 3) + "' at position "
                    + percentAt + " is not a percent-escape (two hex digits expected)");
        }
        return high * 16 + low;
    }

    // a run of escapes is decoded as a whole, since one character may take several escaped bytes
    private static void flushUtf8(ByteArrayOutputStream escaped, StringBuilder decoded) {
        if (escaped.size() == 0) {
            return;
        }
        try {
            decoded.append(Utf8.decodeStrictly(escaped.toByteArray()));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the percent-escaped bytes are not valid UTF-8", e);
        }
        escaped.reset();
    }
}
