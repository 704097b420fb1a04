package com.centralstation.verification.adapters.chekt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for CHeKT's wire format. Deliberately not the app's ObjectMapper: a global Jackson setting
 * (naming strategy, date format, inclusion) must not change what CHeKT receives.
 */
final class ChektJson {

    /** CHeKT's API is a draft: new fields in its answers must not break us. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ChektJson() {
    }
}
