package com.ciopulse.segmentsync.net;

import java.net.URI;
import java.util.Locale;

/**
 * The one rule for credentials over plain {@code http://}: they may go to this host (loopback) only, unless a
 * setting explicitly allows another host, for a TLS proxy on the way that is meant to carry them. Every part that
 * sends credentials over HTTP checks its URL here: the Segments API, the Salesforce login, the REST source's auth.
 */
public final class PlainHttp {

    private PlainHttp() {
    }

    /**
     * @param what        what the URL is, e.g. {@code the Segments API base URL}
     * @param shown       the URL as the message shows it (never one holding user info)
     * @param credentials what would cross the network, e.g. {@code the API key}
     * @param optIn       the setting that allows it, e.g. {@code sync.segments-api.allow-plain-http=true}
     * @throws IllegalArgumentException when {@code uri} is plain http to another host and {@code allowed} is false
     */
    public static void check(URI uri, boolean allowed, String what, String shown, String credentials, String optIn) {
        if (!allowed && toAnotherHost(uri)) {
            throw new IllegalArgumentException(what + " '" + shown + "' is plain http to another host: " + credentials
                    + " would cross the network unencrypted. Use https, or set " + optIn
                    + " if a TLS proxy on the way is meant to carry it");
        }
    }

    /** Whether {@code uri} is plain http to a host other than this one; no name is looked up. */
    public static boolean toAnotherHost(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost());
    }

    /** This host by its name or a loopback address literal ({@code [::1]} as a URI writes it); no name is looked up. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.startsWith("127.") && name.matches("127(\\.\\d{1,3}){3}")
                || name.equals("[::1]") || name.equals("[0:0:0:0:0:0:0:1]");
    }
}
