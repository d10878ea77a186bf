package com.ciopulse.segmentsync.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

/** A real drop folder for the file-drop source: files appear atomically, as a well-behaved exporter writes them. */
public record DropFolder(Path dir) {

    /** Adds a file-drop source route on this folder that polls every 200 ms. */
    public void addSource(CamelContext context, String routeId) throws Exception {
        TemplatedRouteBuilder.builder(context, "file-drop-source")
                .routeId(routeId)
                .parameter("directory", dir.toString())
                .parameter("delay", "200")
                .add();
    }

    public void write(String name, String content) throws IOException {
        Path temp = dir.resolve(name + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(name));
    }

    public List<Path> done() {
        return list(dir.resolve(".done"));
    }

    public List<Path> failed() {
        return list(dir.resolve(".error"));
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
