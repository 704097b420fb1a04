package com.centralstation.verification.app.web.board;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.core.domain.BoardCursor;
import com.centralstation.verification.core.domain.BoardFilter;
import com.centralstation.verification.core.usecase.BoardQueries;

import java.util.Optional;

/**
 * What a caller asked the board for, checked: the filter (a site needs its dealer; ids as long as CHeKT's), the page
 * to start after, and how many. Bad input is an {@link InvalidInputException} naming the parameter (400).
 */
public record BoardRequest(BoardFilter filter, Optional<BoardCursor> after, int limit) {

    private static final int MAX_ID_LENGTH = 255;

    public static BoardRequest of(String dealerId, String siteId, String after, int limit) {
        checkLength("dealer_id", dealerId);
        checkLength("site_id", siteId);
        BoardFilter filter;
        try {
            filter = BoardFilter.of(dealerId, siteId);
        } catch (IllegalArgumentException siteWithoutDealer) {
            throw new InvalidInputException("site_id", "needs dealer_id: site ids are numbered per dealer");
        }
        if (limit < 1 || limit > BoardQueries.MAX_PAGE_SIZE) {
            throw new InvalidInputException("limit", "must be between 1 and " + BoardQueries.MAX_PAGE_SIZE);
        }
        Optional<BoardCursor> cursor = Optional.empty();
        if (after != null && !after.isBlank()) {
            try {
                cursor = Optional.of(BoardCursor.parse(after.strip()));
            } catch (IllegalArgumentException notOurs) {
                throw new InvalidInputException("after", "is not a cursor this board gave out (use the page's \"next\")");
            }
        }
        return new BoardRequest(filter, cursor, limit);
    }

    private static void checkLength(String name, String value) {
        if (value != null && value.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(name, "must be at most " + MAX_ID_LENGTH + " characters");
        }
    }
}
