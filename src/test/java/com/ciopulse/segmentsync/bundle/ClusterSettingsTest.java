package com.ciopulse.segmentsync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sync.cluster.* turns leader election on, and says what is missing when it cannot. */
class ClusterSettingsTest {

    @TempDir
    Path locks;

    @Test
    void noneByDefault() throws Exception {
        try (DefaultCamelContext context = context(new Properties())) {
            ClusterSettings.apply(context, new SyncSettings(context), "a@host");

            assertThat(context.hasService(CamelClusterService.class)).isNull();
            assertThat(context.getRoutePolicyFactories()).isEmpty();
        }
    }

    @Test
    void fileLocksInTheSharedFolderNamedByTheInstance() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("sync.cluster.service", "file");
        settings.setProperty("sync.cluster.file.root", locks.toString());
        try (DefaultCamelContext context = context(settings)) {
            ClusterSettings.apply(context, new SyncSettings(context), "a@host");

            FileLockClusterService service = context.hasService(FileLockClusterService.class);
            assertThat(service.getRoot()).isEqualTo(locks.toString());
            assertThat(service.getId()).isEqualTo("a@host");
            assertThat(service.getAcquireLockInterval()).isEqualTo(2000);
            assertThat(context.getRoutePolicyFactories()).hasSize(1);
        }
    }

    @Test
    void aMissingFolderAnUnknownServiceAndAMissingKubernetesJarAreNamed() {
        Properties noRoot = new Properties();
        noRoot.setProperty("sync.cluster.service", "file");
        Properties unknown = new Properties();
        unknown.setProperty("sync.cluster.service", "zookeeper");
        Properties kubernetes = new Properties();
        kubernetes.setProperty("sync.cluster.service", "kubernetes");

        assertThatThrownBy(() -> apply(noRoot)).hasMessageContaining("sync.cluster.file.root");
        assertThatThrownBy(() -> apply(unknown)).hasMessageContaining("none, file or kubernetes, not 'zookeeper'");
        assertThatThrownBy(() -> apply(kubernetes)).hasMessageContaining("camel-kubernetes").hasMessageContaining("-Pkubernetes");
    }

    private static void apply(Properties settings) throws Exception {
        try (DefaultCamelContext context = context(settings)) {
            ClusterSettings.apply(context, new SyncSettings(context), "a@host");
        }
    }

    private static DefaultCamelContext context(Properties settings) {
        DefaultCamelContext context = new DefaultCamelContext();
        ((PropertiesComponent) context.getPropertiesComponent()).setEnvironmentVariableMode(1);
        context.getPropertiesComponent().setOverrideProperties(settings);
        SegmentSyncDefaults.addTo(context);
        return context;
    }
}
