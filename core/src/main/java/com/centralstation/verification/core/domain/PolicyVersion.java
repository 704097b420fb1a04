package com.centralstation.verification.core.domain;

/**
 * The deployed version of the escalation policy that answered a step. Analysts deploy new versions while
 * verifications run, so an audited piece of advice names the rules it came from.
 *
 * @param version      the policy's version number, counting deployments of its key (1, 2, ...)
 * @param definitionId the engine's id of that version, unique across all deployments
 */
public record PolicyVersion(int version, String definitionId) {

    public PolicyVersion {
        if (version < 1) {
            throw new IllegalArgumentException("a policy version counts from 1, was " + version);
        }
        definitionId = Require.text(definitionId, "definitionId");
    }
}
