package com.ciopulse.segmentsync.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

/** A real drop folder for the file-drop source: files appear atomically, as a well-behaved exporter writes them. */
public record DropFolder(Path dir) {

    private static final String RESULT_SUFFIX = ".result.json";

    /** Adds a file-drop source route on this folder that polls at once, then every 200 ms. */
    public void addSource(CamelContext context, String routeId) throws Exception {
        addSource(context, routeId, Map.of());
    }

    /** Adds a file-drop source route on this folder that polls at once, then every 200 ms, with more parameters. */
    public void addSource(CamelContext context, String routeId, Map<String, String> parameters) throws Exception {
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, "file-drop-source")
                .routeId(routeId)
                .parameter("directory", dir.toString())
                .parameter("initialDelay", "0")
                .parameter("delay", "200")
                .parameter("minFileAge", "100");
        parameters.forEach(builder::parameter);
        builder.add();
    }

    public void write(String name, String content) throws IOException {
        write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public void write(String name, byte[] content) throws IOException {
        Path temp = dir.resolve(name + ".tmp");
        Files.write(temp, content);
        Files.move(temp, dir.resolve(name));
    }

    /** The files moved to the done folder (their results left out). */
    public List<Path> done() {
        return files(dir.resolve(".done"));
    }

    /** The files moved to the error folder (their results left out). */
    public List<Path> failed() {
        return files(dir.resolve(".error"));
    }

    /** The result written beside a moved file. */
    public JsonNode resultOf(Path movedFile) {
        try {
            return new ObjectMapper().readTree(movedFile.resolveSibling(movedFile.getFileName() + RESULT_SUFFIX).toFile());
        } catch (IOException e) {
            throw new IllegalStateException("no readable result beside " + movedFile, e);
        }
    }

    private static List<Path> files(Path folder) {
        return list(folder).stream().filter(file -> !file.getFileName().toString().contains(RESULT_SUFFIX)).toList();
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
