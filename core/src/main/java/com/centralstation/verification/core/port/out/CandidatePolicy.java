package com.centralstation.verification.core.port.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A candidate escalation policy, evaluated in memory only. */
public interface CandidatePolicy {

    /** The table's rule ids, top to bottom. */
    List<String> ruleIds();

    /**
     * @param inputs the recorded inputs of one escalation step, by variable name, as text
     * @throws IncompatiblePolicyException when the table cannot answer these inputs with one advice
     */
    Answer evaluate(Map<String, String> inputs);

    /**
     * @param advice the table's outputs as text, by output name
     * @param rule the rule that answered
     */
    record Answer(Map<String, String> advice, Optional<String> rule) {
    }
}
