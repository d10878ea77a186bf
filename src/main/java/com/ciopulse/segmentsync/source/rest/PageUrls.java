package com.ciopulse.segmentsync.source.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The URL work of paging: query parameters and the {@code Link} header (RFC 8288). */
final class PageUrls {

    // <url>; rel="next" (rel may hold several types, quoted or not)
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern NEXT = Pattern.compile("(?i)rel\\s*=\\s*(\"[^\"]*\\bnext\\b[^\"]*\"|next\\b)");

    private PageUrls() {
    }

    /** The URL with the query parameter {@code name} set to {@code value} (encoded), replacing any it had. */
    static String withParam(String url, String name, String value) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        int question = base.indexOf('?');
        String path = question < 0 ? base : base.substring(0, question);
        List<String> params = new ArrayList<>();
        String encodedName = encode(name);
        if (question >= 0) {
            for (String param : base.substring(question + 1).split("&")) {
                String key = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                if (!param.isEmpty() && !key.equals(name) && !key.equals(encodedName)) {
                    params.add(param);
                }
            }
        }
        params.add(encodedName + "=" + encode(value));
        return path + "?" + String.join("&", params);
    }

    /** The target of the {@code rel="next"} link, resolved against the page's URL; null when there is none. */
    static String nextLink(String linkHeader, String pageUrl) {
        if (linkHeader == null) {
            return null;
        }
        Matcher link = LINK.matcher(linkHeader);
        while (link.find()) {
            if (NEXT.matcher(link.group(2)).find()) {
                return URI.create(pageUrl).resolve(link.group(1).trim()).toString();
            }
        }
        return null;
    }

    /** A URL from a page's body, resolved against the page's URL (it may be relative). */
    static String resolve(String url, String pageUrl) {
        return URI.create(pageUrl).resolve(url.trim()).toString();
    }

    /** Scheme, host and port of a URL ({@code https://example.zendesk.com:443}): where credentials may go. */
    static String origin(String url) {
        URI uri = URI.create(url);
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
