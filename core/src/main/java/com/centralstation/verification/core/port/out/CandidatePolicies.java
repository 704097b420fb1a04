package com.centralstation.verification.core.port.out;

/** Reads an analyst's candidate escalation policy without deploying it. */
public interface CandidatePolicies {

    /**
     * @throws IncompatiblePolicyException when the file is not a readable DMN, or its escalation policy
     *         lacks an input or output the process relies on
     */
    CandidatePolicy read(byte[] dmn);
}
