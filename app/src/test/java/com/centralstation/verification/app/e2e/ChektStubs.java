package com.centralstation.verification.app.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** CHeKT's answers to the PATCH, as its seed page shows them: 200 with the decision echoed and CHeKT's id. */
final class ChektStubs {

    static final String PATCH_PATHS = "/partner/v1/dealers/[^/]+/sites/[^/]+/alarm-verifications/[0-9]+";

    private ChektStubs() {
    }

    /** Echoes the request body's fields back with an id, using WireMock's response templating. */
    static void acceptPatches(WireMockServer chekt) {
        chekt.stubFor(patch(urlPathMatching(PATCH_PATHS)).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": 4242, \"verification_id\": \"{{jsonPath request.body '$.verification_id'}}\", "
                        + "\"contact_id\": {{jsonPath request.body '$.contact_id'}}, "
                        + "\"action\": \"{{jsonPath request.body '$.action'}}\", "
                        + "\"responded_at\": \"{{jsonPath request.body '$.responded_at'}}\"}")
                .withTransformers("response-template")));
    }
}
