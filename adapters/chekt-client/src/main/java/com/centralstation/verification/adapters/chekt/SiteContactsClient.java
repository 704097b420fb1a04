package com.centralstation.verification.adapters.chekt;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/** CHeKT's site-contacts resource. */
@FeignClient(name = "chekt", contextId = "chektSiteContacts", url = ChektProperties.BASE_URL,
        configuration = ChektFeignClientConfiguration.class)
interface SiteContactsClient {

    /** Read as a tree: CHeKT does not document whether the list comes bare or wrapped, see {@link SiteContacts}. */
    @GetMapping(path = "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts",
            produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode contacts(@PathVariable("dealerId") String dealerId,
                      @PathVariable("siteId") String siteId,
                      @RequestHeader(ChektHeaders.TRACE_ID) String traceId);
}
