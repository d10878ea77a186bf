package com.ciopulse.segmentsync.api;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import java.util.function.IntPredicate;

/**
 * The portal code and API key the Segments API authenticates with (HTTP basic authentication; the reference
 * cites RFC 7616, but the scheme it describes is basic, RFC 7617).
 *
 * <p>The key is checked when the credentials are made, so a wrong key fails at startup rather than as a 401 on
 * every record. No message, {@link #toString()} or getter reveals the key.
 */
public final class SegmentsApiCredentials {

    /** Length of every CIOPulse API key. */
    public static final int API_KEY_LENGTH = 40;
    /** Environment variable that holds the portal code. */
    public static final String PORTAL_CODE_ENV = "CIOPULSE_PORTAL_CODE";
    /** Environment variable that holds the API key. */
    public static final String API_KEY_ENV = "CIOPULSE_API_KEY";
    /** Key of the portal code in a secrets properties file. */
    public static final String PORTAL_CODE_PROPERTY = "portal-code";
    /** Key of the API key in a secrets properties file. */
    public static final String API_KEY_PROPERTY = "api-key";

    private static final String KEY_NOT_SHOWN = " The key is not shown.";
    private static final String WHERE_TO_FIND_KEY =
            " The key is at the bottom of the Preferences page in the CIOPulse Portal.";

    private final String portalCode;
    private final String apiKey;
    // made once: every API call sends it
    private final String authorizationHeader;

    private SegmentsApiCredentials(String portalCode, String apiKey) {
        this.portalCode = portalCode;
        this.apiKey = apiKey;
        this.authorizationHeader = "Basic " + Base64.getEncoder()
                .encodeToString((portalCode + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks and holds the given values; surrounding whitespace is dropped.
     *
     * @throws InvalidCredentialsException when either is missing or cannot be right
     */
    public static SegmentsApiCredentials of(String portalCode, String apiKey) {
        return checked(portalCode, "", apiKey, "");
    }

    /**
     * Reads the credentials the way the bundle is configured: each value from its environment variable
     * ({@value #PORTAL_CODE_ENV}, {@value #API_KEY_ENV}, passed in by the caller) or, when that is blank and a
     * secrets file is set, from the Java properties file's {@value #PORTAL_CODE_PROPERTY} and
     * {@value #API_KEY_PROPERTY}. The file is read only when a value is needed from it.
     *
     * @param portalCode  the value of {@value #PORTAL_CODE_ENV}, may be blank
     * @param apiKey      the value of {@value #API_KEY_ENV}, may be blank
     * @param secretsFile path of the secrets properties file (UTF-8), may be blank
     * @throws InvalidCredentialsException when a value is missing or cannot be right, or the secrets file cannot
     *                                     be read; messages name the file, never its content
     */
    public static SegmentsApiCredentials load(String portalCode, String apiKey, String secretsFile) {
        boolean fileNeeded = isBlank(portalCode) || isBlank(apiKey);
        String file = fileNeeded && !isBlank(secretsFile) ? secretsFile.strip() : null;
        Properties secrets = file == null ? new Properties() : readSecrets(file);
        Sourced code = envOrFile(portalCode, PORTAL_CODE_ENV, secrets, PORTAL_CODE_PROPERTY, file);
        Sourced key = envOrFile(apiKey, API_KEY_ENV, secrets, API_KEY_PROPERTY, file);
        return checked(code.value(), code.from(), key.value(), key.from());
    }

    /** The client portal code; not secret. */
    public String portalCode() {
        return portalCode;
    }

    /**
     * The value of the {@code Authorization} header: {@code Basic } and the Base64 of the UTF-8 bytes of
     * {@code portalCode:apiKey}. Treat it as the secret it contains.
     */
    public String authorizationHeader() {
        return authorizationHeader;
    }

    /** Shows the portal code and the key's length only. */
    @Override
    public String toString() {
        return "SegmentsApiCredentials[portalCode=" + portalCode + ", apiKey=****(" + apiKey.length() + " chars)]";
    }

    /** A credential value and, for messages, where it came from or was looked for. */
    private record Sourced(String value, String from) {
    }

    private static Sourced envOrFile(String envValue, String env, Properties secrets, String property, String file) {
        if (!isBlank(envValue)) {
            return new Sourced(envValue, env);
        }
        if (file == null) {
            return new Sourced(null, env + " (blank; no secrets file with " + property + " is configured)");
        }
        return new Sourced(secrets.getProperty(property),
                env + " (blank), then " + property + " in " + describeFile(file));
    }

    private static SegmentsApiCredentials checked(String portalCode, String portalCodeFrom, String apiKey,
                                                  String apiKeyFrom) {
        return new SegmentsApiCredentials(checkedPortalCode(portalCode, portalCodeFrom),
                checkedApiKey(apiKey, apiKeyFrom));
    }

    /** The portal code is not secret, but is not echoed either: it may be a key pasted into the wrong place. */
    private static String checkedPortalCode(String value, String from) {
        if (isBlank(value)) {
            throw new InvalidCredentialsException("The CIOPulse portal code is missing." + source(from));
        }
        String code = value.strip();
        if (code.indexOf(':') >= 0) {
            throw new InvalidCredentialsException("The CIOPulse portal code contains a colon (:), which HTTP basic "
                    + "authentication cannot carry in the user name." + source(from));
        }
        if (code.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp))) {
            throw new InvalidCredentialsException(
                    "The CIOPulse portal code contains whitespace or control characters." + source(from));
        }
        return code;
    }

    private static String checkedApiKey(String value, String from) {
        if (isBlank(value)) {
            throw new InvalidCredentialsException(
                    "The CIOPulse API key is missing." + WHERE_TO_FIND_KEY + source(from));
        }
        String key = value.strip();
        int whitespace = firstIndex(key, Character::isWhitespace);
        if (whitespace >= 0) {
            throw new InvalidCredentialsException("The CIOPulse API key contains whitespace at position "
                    + (whitespace + 1) + "; keys are " + API_KEY_LENGTH + " letters and digits." + KEY_NOT_SHOWN
                    + source(from));
        }
        int other = firstIndex(key, c -> !isAsciiLetterOrDigit(c));
        if (other >= 0) {
            throw new InvalidCredentialsException("The CIOPulse API key contains a character other than A-Z, a-z, "
                    + "0-9 at position " + (other + 1) + "." + KEY_NOT_SHOWN + source(from));
        }
        if (key.length() != API_KEY_LENGTH) {
            throw new InvalidCredentialsException("CIOPulse API keys are " + API_KEY_LENGTH
                    + " characters; the configured key has " + key.length() + "." + KEY_NOT_SHOWN + source(from));
        }
        return key;
    }

    private static String describeFile(String file) {
        return "secrets file '" + file + "'";
    }

    private static Properties readSecrets(String path) {
        String file = describeFile(path);
        Properties secrets = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            secrets.load(reader);
        } catch (InvalidPathException e) {
            throw new InvalidCredentialsException("The " + file + " is not a valid path.");
        } catch (NoSuchFileException e) {
            throw new InvalidCredentialsException("The " + file + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new InvalidCredentialsException("The " + file + " cannot be read: permission denied.", e);
        } catch (MalformedInputException e) {
            throw new InvalidCredentialsException("The " + file + " is not UTF-8 text.");
        } catch (IOException e) {
            throw new InvalidCredentialsException("The " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); is it a regular file?", e);
        } catch (IllegalArgumentException e) {
            // Properties.load refuses a malformed unicode escape; its message holds no content, but keep it out anyway
            throw new InvalidCredentialsException("The " + file + " is not a valid properties file "
                    + "(malformed unicode escape).");
        }
        return secrets;
    }

    private static String source(String from) {
        return from.isEmpty() ? "" : " Source: " + from + ".";
    }

    private static int firstIndex(String value, IntPredicate test) {
        for (int i = 0; i < value.length(); i++) {
            if (test.test(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
