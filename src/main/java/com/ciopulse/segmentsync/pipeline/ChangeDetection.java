package com.ciopulse.segmentsync.pipeline;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.ValidSegment;
import com.ciopulse.segmentsync.state.SegmentState;
import com.ciopulse.segmentsync.state.SegmentStateStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Skips records that would not change anything: a record is unchanged when every field it supplies equals
 * what the API last accepted for that segment. What was accepted is remembered only after a 200 or 201, so
 * a record that failed is sent again next time.
 */
public class ChangeDetection {

    private static final CompletableFuture<Void> NOTHING_TO_STORE = CompletableFuture.completedFuture(null);

    private final SegmentStateStore states;
    private final boolean enabled;
    private final Clock clock;

    public ChangeDetection(SegmentStateStore states, boolean enabled, Clock clock) {
        this.states = states;
        this.enabled = enabled;
        this.clock = clock;
    }

    /**
     * @param mode the {@link SyncHeaders#MODE}: a reconcile sends what it decided to send; a replay is compared even
     *             when change detection is off, since the state store knows what was accepted either way and a
     *             replay must not write what the API already holds
     */
    public boolean unchanged(ValidSegment segment, String mode) {
        return unchanged(segment, comparedState(segment, mode));
    }

    /**
     * What {@link #unchanged} compares the segment with: the state the API last accepted (empty when none), or null
     * when the record is not compared (change detection off, a delete, a reconcile). Read once per record: the
     * pipeline keeps it for the dry run's plan.
     */
    public Optional<SegmentState> comparedState(ValidSegment segment, String mode) {
        if ((!enabled && !SyncHeaders.MODE_REPLAY.equals(mode)) || segment.action() != SegmentAction.UPSERT
                || (mode != null && mode.startsWith("reconcile"))) {
            return null;
        }
        return states.find(segment.systemId());
    }

    /** @param known what {@link #comparedState} answered */
    public static boolean unchanged(ValidSegment segment, Optional<SegmentState> known) {
        return known != null && known.isPresent()
                && sameOrNotSupplied(segment.segmentCode(), known.get().segmentCode())
                && sameOrNotSupplied(segment.segmentName(), known.get().segmentName())
                && sameOrNotSupplied(segment.active(), known.get().active());
    }

    /** The state the API last accepted for this segment, as far as the sync knows; empty when it never wrote it. */
    public Optional<SegmentState> lastAccepted(String systemId) {
        return states.find(systemId);
    }

    /**
     * Whether an accepted PUT of this segment deactivated it: it set active to n, and what the API last accepted
     * for it was not n already (or is not known). Asked before {@link #remember} stores the new state.
     */
    public boolean deactivates(ValidSegment segment) {
        return segment != null && segment.action() == SegmentAction.UPSERT && "n".equals(segment.active())
                && !states.find(segment.systemId()).map(SegmentState::active).filter("n"::equals).isPresent();
    }

    /**
     * Told of the records a batch is about to send, so that the states {@link #unchanged} compares them with are
     * read in one query rather than one each ({@link SegmentStateStore#readAhead}).
     *
     * @param mode the {@link SyncHeaders#MODE} of the batch
     */
    public void readAhead(List<SegmentRecord> records, String mode) {
        if (!enabled || (mode != null && mode.startsWith("reconcile"))) {
            return;
        }
        states.readAhead(records.stream()
                .filter(record -> record.action() == SegmentAction.UPSERT && record.systemId() != null)
                .map(SegmentRecord::strippedSystemId)
                .toList());
    }

    /**
     * Called with every final outcome. The state store takes what was accepted at once (the next record of this
     * segment compares with it) and commits it later.
     *
     * @return completes when what was accepted is committed; the source is acknowledged only after that
     */
    public CompletableFuture<Void> remember(ValidSegment segment, Outcome outcome) {
        if (segment == null) {
            return NOTHING_TO_STORE;
        }
        return switch (outcome) {
            case CREATED -> states.save(merge(new SegmentState(segment.systemId(), null, null, "y", null, null), segment));
            // the stored state is read again only for a partial update: a full one replaces every field it holds
            case UPDATED, DEACTIVATED -> states.save(merge(segment.suppliesEveryField() ? nothingKnown(segment)
                    : states.find(segment.systemId()).orElse(nothingKnown(segment)), segment));
            case DELETED -> states.forget(segment.systemId());
            // nothing was accepted: what CIOPulse holds is unchanged
            default -> NOTHING_TO_STORE;
        };
    }

    /**
     * A reconcile found the segment in CIOPulse exactly as the source has it: the sync owns it from now on.
     *
     * @return completes when that is committed
     */
    public CompletableFuture<Void> adopt(ValidSegment segment) {
        return remember(segment, Outcome.UPDATED);
    }

    /** The API applies the fields sent over what it held; so does the remembered state. */
    private SegmentState merge(SegmentState known, ValidSegment sent) {
        return new SegmentState(sent.systemId(),
                sent.segmentCode() != null ? sent.segmentCode() : known.segmentCode(),
                sent.segmentName() != null ? sent.segmentName() : known.segmentName(),
                sent.active() != null ? sent.active() : known.active(),
                sent.source(), clock.instant());
    }

    private static SegmentState nothingKnown(ValidSegment segment) {
        return new SegmentState(segment.systemId(), null, null, null, null, null);
    }

    private static boolean sameOrNotSupplied(String supplied, String known) {
        return supplied == null || Objects.equals(supplied, known);
    }
}
