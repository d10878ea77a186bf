package com.ciopulse.segmentsync.bundle;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Work for when a CamelContext stops: after its routes stopped, in the reverse order of registration, so what is
 * registered after the state store's pool runs while the pool is still open.
 */
public final class OnContextStop {

    private OnContextStop() {
    }

    /** Runs {@code task} (closes a resource, records an end) when {@code context} stops. */
    public static void run(CamelContext context, AutoCloseable task) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    task.close();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Could not register a stop task with the CamelContext", e);
        }
    }
}
