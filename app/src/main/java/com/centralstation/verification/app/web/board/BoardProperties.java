package com.centralstation.verification.app.web.board;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The operator board: {@code verification.board.*}.
 *
 * @param pollInterval how often each node reads the change feed while a board is open on it (one query per node)
 * @param keepAlive    how often an idle stream gets a comment, so proxies keep it open and a gone browser is noticed
 * @param pageSize     how many verifications the board page shows (the most urgent; {@code GET /api/board} pages on)
 * @param maxStreams   how many boards may be open on one node at once; one more is answered 503
 */
@Validated
@ConfigurationProperties("verification.board")
public record BoardProperties(@NotNull @DefaultValue("1s") Duration pollInterval,
                             @NotNull @DefaultValue("15s") Duration keepAlive,
                             @Min(value = 1, message = "verification.board.page-size must be between 1 and 500")
                             @Max(value = 500, message = "verification.board.page-size must be between 1 and 500")
                             @DefaultValue("100") int pageSize,
                             @Min(value = 1, message = "verification.board.max-streams must be between 1 and 10000")
                             @Max(value = 10_000, message = "verification.board.max-streams must be between 1 and 10000")
                             @DefaultValue("200") int maxStreams) {

    @AssertTrue(message = "verification.board.poll-interval must be between 100 ms and 10 s")
    public boolean isPollIntervalValid() {
        return pollInterval == null || (pollInterval.toMillis() >= 100 && pollInterval.compareTo(Duration.ofSeconds(10)) <= 0);
    }

    @AssertTrue(message = "verification.board.keep-alive must be between 1 s and 5 min")
    public boolean isKeepAliveValid() {
        return keepAlive == null || (keepAlive.compareTo(Duration.ofSeconds(1)) >= 0 && keepAlive.compareTo(Duration.ofMinutes(5)) <= 0);
    }
}
