/**
 * Small, deliberately wrong examples of the couplings {@code ArchitectureRules} forbids, laid out like
 * the service's own packages. Never wired, never run: {@code ArchitectureRulesTest} only imports them
 * to prove that each rule fails on them.
 */
package com.centralstation.verification.archfixture;
