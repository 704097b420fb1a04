package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The station's call lists: read, replace, import from CHeKT, and used when CHeKT sends no contacts. */
class CallListEndToEndTest extends ServiceTest {

    private String site() {
        return "/api/dealers/12345/sites/site-" + UUID.randomUUID() + "/call-list";
    }

    @Test
    void aReplacedListIsReadBackInOrderAndAnUnknownSiteHasAnEmptyList() throws Exception {
        String path = site();
        assertThat(json.readTree(send("GET", path, null).body()).get("contacts")).isEmpty();

        HttpResponse<String> replaced = send("PUT", path, "{\"contacts\":[{\"contact_id\":3,\"first_name\":\"Cy\"},"
                + "{\"contact_id\":1,\"first_name\":\"Al\",\"phone_number\":\"+15550100009\"}]}");
        assertThat(replaced.statusCode()).isEqualTo(200);

        JsonNode list = json.readTree(send("GET", path, null).body()).get("contacts");
        assertThat(list.findValuesAsText("contact_id")).containsExactly("3", "1");
        assertThat(list.get(1).get("phone_number").asText()).isEqualTo("+15550100009");
    }

    @Test
    void aListWithTheSameContactTwiceOrAnUnknownFieldIsRefusedAndTheOldListStays() throws Exception {
        String path = site();
        send("PUT", path, "{\"contacts\":[{\"contact_id\":1}]}");

        HttpResponse<String> twice = send("PUT", path, "{\"contacts\":[{\"contact_id\":2},{\"contact_id\":2}]}");
        HttpResponse<String> unknown = send("PUT", path, "{\"contacts\":[{\"contact_id\":2,\"priority\":1}]}");

        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json.readTree(twice.body()).get("field").asText()).isEqualTo("contacts");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).get("field").asText()).isEqualTo("contacts[0].priority");
        assertThat(json.readTree(send("GET", path, null).body()).get("contacts").findValuesAsText("contact_id")).containsExactly("1");
    }

    @Test
    void importFromChektKeepsTheStationsOrderAndAppendsNewContacts() throws Exception {
        String siteId = "site-" + UUID.randomUUID();
        String path = "/api/dealers/12345/sites/" + siteId + "/call-list";
        send("PUT", path, "{\"contacts\":[{\"contact_id\":67891,\"first_name\":\"Ben\"},{\"contact_id\":67890,\"first_name\":\"Ann\"}]}");
        String contacts = "/partner/v1/dealers/12345/sites/" + siteId + "/contacts";
        CHEKT.stubFor(get(urlEqualTo(contacts)).willReturn(okJson("[{\"contact_id\":67890,\"first_name\":\"Ann\",\"last_name\":\"Lee\","
                + "\"phone_number\":\"+15550100001\",\"email\":\"ann@example.com\",\"external_contact_id\":\"x\",\"created_at\":\"2026-01-01T00:00:00Z\"},"
                + "{\"contact_id\":67899,\"first_name\":\"Dee\",\"phone_number\":\"+15550100004\"}]")));

        HttpResponse<String> imported = send("POST", path + "/import", null);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode list = json.readTree(imported.body()).get("contacts");
        assertThat(list.findValuesAsText("contact_id")).containsExactly("67891", "67890", "67899");
        assertThat(list.get(1).get("phone_number").asText()).isEqualTo("+15550100001");
        CHEKT.verify(getRequestedFor(urlEqualTo(contacts)).withHeader("Authorization", equalTo("Bearer test-access-token")));
    }

    @Test
    void chektFailingTheImportIs502AndTheListStays() throws Exception {
        String siteId = "site-" + UUID.randomUUID();
        String path = "/api/dealers/12345/sites/" + siteId + "/call-list";
        send("PUT", path, "{\"contacts\":[{\"contact_id\":1}]}");
        CHEKT.stubFor(get(urlEqualTo("/partner/v1/dealers/12345/sites/" + siteId + "/contacts")).willReturn(status(503)));

        HttpResponse<String> failed = send("POST", path + "/import", null);

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(json.readTree(send("GET", path, null).body()).get("contacts").findValuesAsText("contact_id")).containsExactly("1");
    }

    @Test
    void withoutContactsInTheWebhookTheSitesStoredCallListIsCalledInItsOrder() throws Exception {
        send("PUT", "/api/dealers/12345/sites/1/call-list",
                "{\"contacts\":[{\"contact_id\":67892,\"first_name\":\"Cho\"},{\"contact_id\":67890,\"first_name\":\"Ann\"}]}");
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        String withoutContacts = alarm.body().replaceAll(",\"contacts\":\\[.*]}}$", "}}");
        assertThat(withoutContacts).doesNotContain("contacts");

        assertThat(deliverWebhook(withoutContacts).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);

        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("call_list").findValuesAsText("contact_id")).containsExactly("67892", "67890");
        assertThat(view.get("notified").get(0).get("contact_id").asLong()).isEqualTo(67892);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = station(HttpRequest.newBuilder(uri(path)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
