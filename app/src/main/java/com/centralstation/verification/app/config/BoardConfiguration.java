package com.centralstation.verification.app.config;

import com.centralstation.verification.app.web.board.BoardProperties;
import com.centralstation.verification.app.web.board.BoardStream;
import com.centralstation.verification.core.port.out.BoardChangeFeed;
import com.centralstation.verification.core.port.out.OperatorBoard;
import com.centralstation.verification.core.port.out.OperatorConsole;
import com.centralstation.verification.core.usecase.BoardQueries;
import com.centralstation.verification.core.usecase.ClaimOperatorTask;
import com.centralstation.verification.core.usecase.WatchBoard;
import com.centralstation.verification.workflow.EscalationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/** The operator board: its queries over the read model, the claim, and the stream of changes each node serves. */
@Configuration
@EnableConfigurationProperties(BoardProperties.class)
public class BoardConfiguration {

    /** The board shows when the ladder steps next: the same timers the model runs, from the first notification. */
    @Bean
    BoardQueries boardQueries(OperatorBoard board, OperatorConsole console, Clock clock, EscalationProperties escalation) {
        return new BoardQueries(board, console, clock, List.of(escalation.first(), escalation.second(), escalation.third()));
    }

    @Bean
    ClaimOperatorTask claimOperatorTask(OperatorConsole console) {
        return new ClaimOperatorTask(console);
    }

    /** Real time, not the engine's: it only measures how long a row written late is waited for. */
    @Bean
    WatchBoard watchBoard(BoardChangeFeed feed) {
        return new WatchBoard(feed, Clock.systemUTC());
    }

    @Bean
    BoardStream boardStream(WatchBoard watchBoard, BoardProperties properties) {
        return new BoardStream(watchBoard, properties);
    }
}
