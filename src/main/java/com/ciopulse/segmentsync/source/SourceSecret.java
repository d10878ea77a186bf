package com.ciopulse.segmentsync.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * How a source template reads its secret (a database password, a helpdesk token): the setting first (a -D
 * property, its environment variable or the application's properties, read without Camel's placeholder parser),
 * else a file holding only the secret (a Docker or Kubernetes secret). Never a template parameter: Camel logs those.
 */
public final class SourceSecret {

    private SourceSecret() {
    }

    /**
     * The setting's value, else the file's content without surrounding white space; empty when neither is given.
     *
     * @param secrets reads a setting as {@code SyncSettings.secret} does (the bean {@code syncSecrets})
     * @param file    a path, or blank for none
     * @throws IOException when the file is given but cannot be read
     * @throws java.nio.file.InvalidPathException when the file is not a path
     */
    public static String read(UnaryOperator<String> secrets, String settingKey, String file) throws IOException {
        String secret = secrets.apply(settingKey);
        if (!secret.isEmpty() || file == null || file.isBlank() || file.trim().equals("-")) {
            return secret;
        }
        return Files.readString(Path.of(file.trim())).strip();
    }
}
