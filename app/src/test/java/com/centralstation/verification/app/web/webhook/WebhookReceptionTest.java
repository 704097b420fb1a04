package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.core.domain.RefusalReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookReceptionTest {

    @Test
    void aRefusalThatCannotBeKeptIsStillAnswered400AndCounted() {
        ReceptionFixture f = new ReceptionFixture();
        f.quarantine.down = true;

        WebhookReception.Answer answer = f.deliver("{\"type\":\"verification.requested\",\"data\":{}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("data.dealer_id");
        assertThat(f.refusedCount(RefusalReason.REQUIRED_FIELD)).isEqualTo(1.0);
    }

    @Test
    void aSignedDeliveryThatIsNotDeclaredJsonIs415AndKept() {
        ReceptionFixture f = new ReceptionFixture();
        byte[] body = "id=evt_form".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String timestamp = String.valueOf(f.clock.instant().getEpochSecond());

        WebhookReception.Answer answer = f.reception.receive(new WebhookReception.Delivery(timestamp,
                ReceptionFixture.sign(timestamp, body), "application/x-www-form-urlencoded", body));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(f.quarantine.kept).singleElement().satisfies(kept -> {
            assertThat(kept.delivery().reason()).isEqualTo("media_type");
            assertThat(kept.delivery().headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded");
        });
    }
}
