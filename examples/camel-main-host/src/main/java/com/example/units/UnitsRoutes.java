package com.example.units;

import org.apache.camel.builder.RouteBuilder;

/** The same kind of route in Java: one business unit at a time, as a map, to the single-record entry. */
public class UnitsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:unit-changed").routeId("unit-changed")
                .setHeader("SegmentSyncSource", constant("units-app"))
                .setHeader("SegmentSyncSourceRef", simple("unit ${body[system_id]}"))
                .to("direct:segment-sync");
    }
}
