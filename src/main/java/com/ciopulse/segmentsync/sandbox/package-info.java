/**
 * An embedded sandbox of the CIOPulse Segments API for the runner's {@code --sandbox} mode, the demo and the
 * tests. Start it with {@link com.ciopulse.segmentsync.sandbox.SegmentsSandbox#start(int, String, String)}; its
 * Javadoc lists how it behaves where the API reference is silent.
 */
package com.ciopulse.segmentsync.sandbox;
