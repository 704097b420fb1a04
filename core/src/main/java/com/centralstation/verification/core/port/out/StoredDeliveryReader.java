package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.usecase.ChektDelivery;

/**
 * Reads a CHeKT delivery again from the bytes the inbox kept, exactly as the intake read it when it arrived: a
 * request waits in the inbox as it came, and its workflow is started from what it says.
 */
public interface StoredDeliveryReader {

    /** @throws RuntimeException when the bytes no longer read as a delivery (the reading changed since they came) */
    ChektDelivery read(byte[] body);
}
