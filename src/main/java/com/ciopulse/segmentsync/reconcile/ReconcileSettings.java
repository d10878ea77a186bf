package com.ciopulse.segmentsync.reconcile;

/**
 * How a reconcile treats segments that left the source.
 *
 * @param deleteRemoved delete them instead of deactivating them (a refused delete falls back to deactivating)
 * @param guardPercent  the largest share of owned segments one run may remove
 * @param guardOverride let one run remove more than that
 * @param ownedPrefix   only system ids starting with this are ever removed (empty: all this source owns)
 */
public record ReconcileSettings(boolean deleteRemoved, double guardPercent, boolean guardOverride, String ownedPrefix) {
}
