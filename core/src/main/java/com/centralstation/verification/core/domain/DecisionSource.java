package com.centralstation.verification.core.domain;

/** Where a decision came from; it decides which checks apply (an operator may record any listed contact). */
public enum DecisionSource {
    /** The contact pressed a button on the response page behind their personal link. */
    RESPONSE_LINK,
    /** The central station's own software called the decisions API. */
    STATION_API,
    /** An operator recorded it in Tasklist after calling the contact. */
    OPERATOR,
    /** The contact pressed and confirmed a key during the station's automated phone call. */
    PHONE_CALL
}
