package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.net.PlainHttp;
import com.ciopulse.segmentsync.source.PolledSource;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;

/**
 * How one Salesforce source logs in: the OAuth flow, the login URL, the Connected App's client id, the user, and
 * the secrets, which come from the settings {@code sync.salesforce.<source>.client-secret}, {@code .password} and
 * {@code .security-token} (environment {@code SYNC_SALESFORCE_<SOURCE>_CLIENT_SECRET}, ...) or else from a
 * secrets file with the keys {@code client-secret}, {@code password}, {@code security-token}. Secrets never pass
 * Camel's placeholder parser and never appear in a message.
 */
final class SalesforceLogin {

    /** The OAuth flows a source can use. */
    enum Flow {
        /** Username-password: a user of the org, its password and security token. */
        PASSWORD,
        /** Client credentials: the Connected App's own run-as user; the login URL is the org's My Domain. */
        CLIENT_CREDENTIALS;

        static Flow parse(String value) {
            String normalized = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (normalized) {
                case "password" -> PASSWORD;
                case "client-credentials" -> CLIENT_CREDENTIALS;
                default -> throw new IllegalArgumentException(
                        "authFlow must be password or client-credentials, not '" + value + "'");
            };
        }
    }

    private final Flow flow;
    private final String loginUrl;
    private final String clientId;
    private final String userName;
    private final String secretsFile;

    /**
     * @param allowPlainHttp whether a plain {@code http://} login URL may name a host other than this one
     * @throws IllegalArgumentException for a missing parameter, a login URL that is not http(s), or plain http to
     *                                  another host unless allowed (the secrets would go out unencrypted)
     */
    SalesforceLogin(Flow flow, String loginUrl, String clientId, String userName, String secretsFile,
                    boolean allowPlainHttp) {
        this.flow = flow;
        this.loginUrl = checkedLoginUrl(require("loginUrl", loginUrl), flow, allowPlainHttp);
        this.clientId = require("clientId", clientId);
        this.userName = PolledSource.unset(userName) ? null : userName.strip();
        this.secretsFile = PolledSource.unset(secretsFile) ? null : secretsFile.strip();
        if (flow == Flow.PASSWORD && this.userName == null) {
            throw new IllegalArgumentException("userName is required with authFlow password");
        }
    }

    /**
     * A camel-salesforce component of its own for the source, logged in on start (so a refused login fails the
     * poll that starts it, not the first query).
     *
     * @throws SalesforceSourceException when a secret is missing or the secrets file cannot be read
     */
    SalesforceComponent component(String source, UnaryOperator<String> secrets) {
        Properties file = readSecretsFile(source);
        SalesforceComponent component = new SalesforceComponent();
        component.setLoginUrl(loginUrl);
        component.setClientId(clientId);
        component.setClientSecret(secret(source, "client-secret", secrets, file, true));
        if (flow == Flow.PASSWORD) {
            component.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
            component.setUserName(userName);
            component.setPassword(secret(source, "password", secrets, file, true)
                    + secret(source, "security-token", secrets, file, false));
        } else {
            component.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        }
        component.setLazyLogin(false);
        return component;
    }

    String describe() {
        return (flow == Flow.PASSWORD ? "user " + userName : "client credentials") + " at " + loginUrl;
    }

    private String secret(String source, String name, UnaryOperator<String> secrets, Properties file, boolean required) {
        String key = "sync.salesforce." + source + "." + name;
        String value = secrets.apply(key);
        if (value.isEmpty()) {
            value = file.getProperty(name, "").strip();
        }
        if (value.isEmpty() && required) {
            throw new SalesforceSourceException("Salesforce source '" + source + "' has no " + name + ": set "
                    + key + " (env " + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")"
                    + (secretsFile == null ? " or the parameter secretsFile" : " or " + name + " in " + secretsFile));
        }
        return value;
    }

    private Properties readSecretsFile(String source) {
        Properties file = new Properties();
        if (secretsFile == null) {
            return file;
        }
        try (Reader reader = Files.newBufferedReader(Path.of(secretsFile), StandardCharsets.UTF_8)) {
            file.load(reader);
            return file;
        } catch (IOException | RuntimeException e) {
            throw new SalesforceSourceException("Salesforce source '" + source + "' cannot read the secrets file "
                    + secretsFile + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String checkedLoginUrl(String url, Flow flow, boolean allowPlainHttp) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("loginUrl '" + url + "' is not a valid URL: " + e.getReason(), e);
        }
        if (uri.getRawUserInfo() != null) {
            // not echoed: the user info may be a password
            throw new IllegalArgumentException("loginUrl holds user info (user:password@); the secrets go in the "
                    + "settings sync.salesforce.<source>.* or the secrets file");
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("loginUrl '" + url + "' is not an https URL (e.g. https://login.salesforce.com)");
        }
        PlainHttp.check(uri, allowPlainHttp, "loginUrl", url,
                flow == Flow.PASSWORD ? "the client secret, password and security token" : "the client secret",
                "the parameter allowPlainHttp=true of this source");
        return url;
    }

    private static String require(String parameter, String value) {
        if (PolledSource.unset(value)) {
            throw new IllegalArgumentException("Salesforce source: " + parameter + " is required");
        }
        return value.strip();
    }
}
