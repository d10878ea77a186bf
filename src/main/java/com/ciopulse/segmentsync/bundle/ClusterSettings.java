package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.control.SourceLeadership;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * Leader election across instances, from {@code sync.cluster.*}: {@code none} (one instance), {@code file} (a
 * lock file per source in a folder every instance shares) or {@code kubernetes} (a Lease per source, with
 * camel-kubernetes on the classpath). The cluster service is registered in Java: Camel Main 4.18 has no
 * properties for it.
 */
final class ClusterSettings {

    static final String KUBERNETES_SERVICE = "org.apache.camel.component.kubernetes.cluster.KubernetesClusterService";

    private ClusterSettings() {
    }

    /** Registers the configured cluster service and makes the source routes leader-only; no-op for {@code none}. */
    static void apply(CamelContext context, SyncSettings settings, String instanceId) {
        String kind = settings.text("sync.cluster.service");
        CamelClusterService service = switch (kind) {
            case "none", "" -> null;
            case "file" -> fileLocks(settings);
            case "kubernetes" -> kubernetesLeases(context, settings);
            default -> throw new IllegalStateException("Setting sync.cluster.service (env SYNC_CLUSTER_SERVICE) must be"
                    + " none, file or kubernetes, not '" + kind + "'");
        };
        if (service == null) {
            return;
        }
        service.setId(instanceId);
        try {
            context.addService(service);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the " + kind + " cluster service", e);
        }
        context.addRoutePolicyFactory(new SourceLeadership());
    }

    private static CamelClusterService fileLocks(SyncSettings settings) {
        String root = settings.text("sync.cluster.file.root");
        if (root.isEmpty()) {
            throw new IllegalStateException("sync.cluster.service=file needs sync.cluster.file.root"
                    + " (env SYNC_CLUSTER_FILE_ROOT): a folder every instance shares");
        }
        FileLockClusterService service = new FileLockClusterService();
        service.setRoot(root);
        service.setAcquireLockInterval(settings.number("sync.cluster.file.acquire-lock-interval-ms"), TimeUnit.MILLISECONDS);
        return service;
    }

    /** Created by name so that camel-kubernetes (and its client) are needed only where it is used. */
    private static CamelClusterService kubernetesLeases(CamelContext context, SyncSettings settings) {
        Class<?> type;
        try {
            type = context.getClassResolver().resolveMandatoryClass(KUBERNETES_SERVICE);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("sync.cluster.service=kubernetes needs camel-kubernetes on the classpath"
                    + " (build the runner with: mvn package -Pkubernetes)", e);
        }
        CamelClusterService service = (CamelClusterService) context.getInjector().newInstance(type);
        Map<String, Object> options = new LinkedHashMap<>();
        String namespace = settings.text("sync.cluster.kubernetes.namespace");
        if (!namespace.isEmpty()) {
            options.put("kubernetesResourcesNamespace", namespace);
        }
        options.put("leaseDurationMillis", settings.number("sync.cluster.kubernetes.lease-duration-ms"));
        options.put("renewDeadlineMillis", settings.number("sync.cluster.kubernetes.renew-deadline-ms"));
        options.put("retryPeriodMillis", settings.number("sync.cluster.kubernetes.retry-period-ms"));
        PropertyBindingSupport.build().withMandatory(true).bind(context, service, options);
        return service;
    }
}
