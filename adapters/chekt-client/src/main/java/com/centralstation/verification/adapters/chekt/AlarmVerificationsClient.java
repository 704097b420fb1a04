package com.centralstation.verification.adapters.chekt;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/** CHeKT's alarm-verification resource: where a contact's decision is submitted. */
@FeignClient(name = "chekt", contextId = "chektAlarmVerifications", url = ChektProperties.BASE_URL,
        configuration = ChektFeignClientConfiguration.class)
interface AlarmVerificationsClient {

    /**
     * The numeric alarm verification id goes into the path, the verification UUID into the body. The answer comes with
     * its status, which the evidence pack shows; a non-2xx answer is an exception ({@link ChektErrorDecoder}).
     */
    @PatchMapping(path = "/partner/v1/dealers/{dealerId}/sites/{siteId}/alarm-verifications/{alarmVerificationId}",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AlarmVerificationAnswer> respond(@PathVariable("dealerId") String dealerId,
                                    @PathVariable("siteId") String siteId,
                                    @PathVariable("alarmVerificationId") long alarmVerificationId,
                                    @RequestHeader(ChektHeaders.TRACE_ID) String traceId,
                                    @RequestHeader(ChektHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
                                    @RequestBody AlarmVerificationPatch decision);
}
