package com.centralstation.verification.app.demo;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The demo profile is the only switch for the CHeKT sandbox and the test alarms. Every demo bean also checks
 * it when it is built, so a sandbox that answers CHeKT's calls can never run in production by accident (a
 * lost {@code @Profile}, a stray {@code @Import}, a component scan): start-up fails instead.
 */
public final class DemoProfile {

    public static final String NAME = "demo";

    private DemoProfile() {
    }

    static void require(Environment environment, Class<?> component) {
        if (!environment.acceptsProfiles(Profiles.of(NAME))) {
            throw new IllegalStateException(component.getSimpleName() + " belongs to the demo profile (a CHeKT sandbox"
                    + " and test alarms) and must never run without it; active profiles: "
                    + String.join(",", environment.getActiveProfiles()));
        }
    }
}
