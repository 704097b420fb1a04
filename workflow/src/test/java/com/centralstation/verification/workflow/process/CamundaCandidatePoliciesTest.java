package com.centralstation.verification.workflow.process;

import com.centralstation.verification.core.port.out.CandidatePolicy;
import com.centralstation.verification.core.port.out.IncompatiblePolicyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A candidate policy passes the deployment guard and runs in the sandbox's decision engine, as a deployed one would. */
class CamundaCandidatePoliciesTest {

    private static final String WAIT_FIRST_ALERT = "<outputEntry id=\"LiteralExpression_WaitFirst_Alert\"><text>false</text></outputEntry>";

    private final CamundaCandidatePolicies policies = new CamundaCandidatePolicies();

    @AfterEach
    void forgetEscapes() {
        System.clearProperty("candidate.escaped");
    }

    @Test
    void theShippedPolicyAnswersARecordedStep() throws IOException {
        CandidatePolicy candidate = policies.read(shipped().getBytes(StandardCharsets.UTF_8));

        CandidatePolicy.Answer answer = candidate.evaluate(Map.of("escalationStep", "initial", "trigger", "motion",
                "priority", "HIGH", "alarmClass", "normal", "contactsLeft", "2", "contactsNotified", "1"));

        assertThat(answer.rule()).contains("Rule_WaitForFirstContact");
        assertThat(answer.advice()).containsEntry("alertOperator", "false");
    }

    @Test
    void aJuelEntryIsRefusedNamingItBeforeAnythingRuns() throws IOException {
        String juel = shipped().replace(WAIT_FIRST_ALERT, "<outputEntry id=\"LiteralExpression_WaitFirst_Alert\" expressionLanguage=\"juel\">"
                + "<text>${''.getClass().forName('java.lang.System').getMethod('getProperties').invoke(null)"
                + ".setProperty('candidate.escaped', 'yes') == null}</text></outputEntry>");

        assertThatThrownBy(() -> policies.read(juel.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IncompatiblePolicyException.class)
                .hasMessageContaining("LiteralExpression_WaitFirst_Alert uses the expression language juel; decision tables are FEEL only");
        assertThat(System.getProperty("candidate.escaped")).isNull();
    }

    @Test
    void aFeelExternalFunctionIsRefusedNamingTheEntry() throws IOException {
        String external = shipped().replace(WAIT_FIRST_ALERT, "<outputEntry id=\"LiteralExpression_WaitFirst_Alert\"><text>"
                + "{set: function(k, v) external {java: {class: \"java.lang.System\", method signature: \"setProperty(String, String)\"}},"
                + " done: set(\"candidate.escaped\", \"yes\") = null}.done</text></outputEntry>");

        assertThatThrownBy(() -> policies.read(external.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IncompatiblePolicyException.class)
                .hasMessageContaining("LiteralExpression_WaitFirst_Alert defines an external (Java) function");
        assertThat(System.getProperty("candidate.escaped")).isNull();
    }

    private static String shipped() throws IOException {
        try (InputStream in = CamundaCandidatePoliciesTest.class.getClassLoader().getResourceAsStream("escalation-policy.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
