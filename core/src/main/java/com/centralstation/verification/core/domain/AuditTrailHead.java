package com.centralstation.verification.core.domain;

import java.util.UUID;

/**
 * The newest sealed row of the whole audit trail, published as gauges so that an off-site metrics store keeps
 * its history: the row number only grows, and a row keeps its hash. A head that moves back, or a row whose hash
 * changes, means the newest rows were removed or rewritten.
 *
 * @param row the row's number in the trail (rows are numbered as they are written)
 * @param hash the start of its hash (hex)
 */
public record AuditTrailHead(long row, UUID verificationId, long position, String hash) {
}
