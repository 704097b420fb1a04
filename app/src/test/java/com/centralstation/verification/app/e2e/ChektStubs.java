package com.centralstation.verification.app.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * CHeKT's answers when all goes well: an access token for the client credentials, and the PATCH as its seed page
 * shows it (200 with the decision echoed and CHeKT's id).
 */
public final class ChektStubs {

    static final String PATCH_PATHS = "/partner/v1/dealers/[^/]+/sites/[^/]+/alarm-verifications/[0-9]+";

    private ChektStubs() {
    }

    /** Hands out one access token, valid for an hour, at {@code tokenPath}. */
    public static void issueTokens(WireMockServer chekt, String tokenPath) {
        chekt.stubFor(post(urlEqualTo(tokenPath)).willReturn(okJson(
                "{\"access_token\":\"test-access-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    /** Echoes the request body's fields back with an id, using WireMock's response templating. */
    public static void acceptPatches(WireMockServer chekt) {
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
