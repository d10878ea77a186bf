package com.ciopulse.segmentsync.testsupport;

import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings every runner of a test gets: isolated from the environment, the sandbox, a fast drop folder. */
public final class RunnerSettings {

    private RunnerSettings() {
    }

    /** A mutable map: add or replace what the test needs. */
    public static Map<String, String> against(SegmentsSandbox sandbox, Path drop) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.component.properties.environment-variable-mode", "1");
        settings.put("camel.management.port", String.valueOf(RunningSync.freePort()));
        settings.put("camel.server.port", String.valueOf(RunningSync.freePort()));
        settings.put("sync.segments-api.base-url", sandbox.baseUrl());
        settings.put("sync.segments-api.portal-code", SyncHarness.PORTAL_CODE);
        settings.put("sync.segments-api.api-key", SyncHarness.API_KEY);
        settings.put("sync.file.directory", drop.toString());
        settings.put("camel.route-template[file-drop].delay", "200");
        return settings;
    }
}
