/**
 * The app tests' toolkit: what several test classes need the same way (a free loopback port, the Basic-auth
 * header, the engine's clock, CHeKT's webhook signature and signed deliveries, the webhook bodies, the minimal
 * service settings, waiting for the job executor, the production classes the ArchUnit and docs tests read). One
 * place each, so a test reads as what it checks. The embedded PostgreSQL is the persistence module's
 * ({@code adapters.persistence.testing.TestPostgres}, from its test-jar).
 */
package com.centralstation.verification.app.testing;
