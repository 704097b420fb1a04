/**
 * The app tests' toolkit: what several test classes need the same way (a free loopback port, the Basic-auth
 * header, the engine's clock, CHeKT's webhook signature, waiting for the job executor). One place each, so a
 * test reads as what it checks.
 */
package com.centralstation.verification.app.testing;
