package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.BoardChange;
import com.centralstation.verification.core.domain.ChangeFeedMark;

import java.util.List;
import java.util.Map;

/**
 * What changed on the board, read from the database so that every node of a cluster sees every node's changes.
 * One or more sources (the audit trail, ...), each with positions that increase in the order rows are written.
 */
public interface BoardChangeFeed {

    /** The newest position of every source now: where a new reader starts. */
    Map<String, Long> head();

    /**
     * The changes after the mark: every committed row of each source above its high position (the lowest
     * {@code limitPerSource} of them), and the mark's missing positions that have committed since; one query.
     */
    List<BoardChange> read(ChangeFeedMark mark, int limitPerSource);
}
