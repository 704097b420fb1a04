package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A page of the operator board at one instant: its items in board order, the counts of everything the filter
 * selects, and where the next page starts (empty on the last page).
 */
public record BoardPage(Instant asOf, BoardFilter filter, List<BoardItem> items, BoardCounts counts,
                        Optional<BoardCursor> next) {

    public BoardPage {
        items = List.copyOf(items);
    }
}
