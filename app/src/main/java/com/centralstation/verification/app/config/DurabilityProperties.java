package com.centralstation.verification.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code verification.durability.*}: the operator's explicit consent to a database that defers commits.
 *
 * @param allowDeferredCommits start although the database acknowledges commits it may still lose on a crash (an H2
 *                             file without {@code WRITE_DELAY=0}, PostgreSQL with {@code synchronous_commit=off}):
 *                             a 202 then no longer means the alarm is stored. For throw-away test installations only.
 */
@ConfigurationProperties("verification.durability")
public record DurabilityProperties(@DefaultValue("false") boolean allowDeferredCommits) {

    static final String OPT_OUT = "verification.durability.allow-deferred-commits";
}
