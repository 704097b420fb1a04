package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.BoardCounts;
import com.centralstation.verification.core.domain.BoardCursor;
import com.centralstation.verification.core.domain.BoardFilter;
import com.centralstation.verification.core.domain.OpenVerification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator board's read model: every verification still open for the station, read from the service's own
 * records (never by asking the engine), fast enough to answer a wall screen with ten thousand open alarms.
 */
public interface OperatorBoard {

    /**
     * Open verifications in board order: life-safety first, then high, then normal; oldest received first within a
     * class; the verification id breaks ties. Starts after the cursor when one is given.
     */
    List<OpenVerification> page(BoardFilter filter, Optional<BoardCursor> after, int limit);

    /** How many open verifications the filter selects, per class and per response-time band of their age at {@code now}. */
    BoardCounts counts(BoardFilter filter, Instant now);
}
