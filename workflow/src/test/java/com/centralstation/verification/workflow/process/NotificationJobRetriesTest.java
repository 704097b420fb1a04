package com.centralstation.verification.workflow.process;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The runs a notification job gets, read as the engine reads the model's retry cycle. */
class NotificationJobRetriesTest {

    @ParameterizedTest(name = "''{0}'' allows {1} runs")
    @CsvSource(delimiter = '|', value = {
            "PT5S,PT15S,PT30S | 4",
            "PT1M             | 2",
            "R5/PT1M          | 5",
            "''               | 3",
            "${retryCycle}    | 3"
    })
    void aCycleAllowsAsManyRunsAsTheEngineGivesIt(String cycle, int runs) {
        assertThat(NotificationJobRetries.runs(cycle)).isEqualTo(runs);
    }

    @Test
    void theShippedModelGivesEachNotificationFourRuns() {
        assertThat(NotificationJobRetries.runsInShippedModel()).isEqualTo(4);
    }
}
