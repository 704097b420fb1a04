package com.centralstation.verification.adapters.chekt;

/** CHeKT's header names, in one place so a change on CHeKT's side is a one-line change. */
final class ChektHeaders {

    /** A UUID per request; CHeKT carries it through its logs, we store it with the submission. */
    static final String TRACE_ID = "x-partner-trace-id";
    /** CHeKT keeps it 24 h: a retried PATCH with the same key and body is not taken twice. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** In an answer: when CHeKT's rate-limit bucket refills (read when a 429 or 503 has no Retry-After). */
    static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";

    private ChektHeaders() {
    }
}
