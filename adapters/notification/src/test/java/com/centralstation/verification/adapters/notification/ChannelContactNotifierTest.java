package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotificationResult;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Optional;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ChannelContactNotifierTest {

    private final NotificationFixture fixture = new NotificationFixture();
    private final List<ContactMessage> sent = new ArrayList<>();

    @Test
    void theLinkSitsUnderThePublicBaseUrlsPathAndCarriesA256BitToken() {
        new ChannelContactNotifier(List.of(capturing()), fixture.log,
                URI.create("https://station.example/verify/"), 3, fixture.clock).notify(fixture.notificationFor(ANN));

        assertThat(sent).singleElement().extracting(m -> m.responseLink().toString()).asString()
                .matches("https://station\\.example/verify/respond/[A-Za-z0-9_-]{43}");
    }

    @Test
    void everyNotificationCarriesItsOwnLinkBoundToItsContact() {
        ChannelContactNotifier notifier = fixture.notifier(3, capturing());

        notifier.notify(fixture.notificationFor(ANN));
        notifier.notify(fixture.notificationFor(BEN));
        notifier.notify(fixture.notificationFor(ANN));

        assertThat(sent).extracting(m -> m.responseLink().toString()).doesNotHaveDuplicates();
        assertThat(sent).extracting(m -> fixture.contactOfLinkIn(m.responseLink().toString()).orElseThrow())
                .containsExactly(ANN.contactId(), BEN.contactId(), ANN.contactId());
        assertThat(sent).extracting(ContactMessage::position).containsExactly(1, 2, 1);
    }

    @Test
    void aChannelThatMayHaveSentTheMessageIsNotTriedAgainButTheNextChannelCarriesTheSameLink() {
        ChannelContactNotifier notifier = fixture.notifier(3, unanswered("sms"), capturing());

        NotificationResult result = notifier.notify(fixture.notificationFor(ANN));

        assertThat(result.delivery()).as("the next channel confirmed it").isEqualTo(NotificationDelivery.DELIVERED);
        assertThat(result.detail()).isEqualTo("capture");
        assertThat(fixture.log.all()).extracting(NotificationAttempt::channel, NotificationAttempt::result)
                .containsExactly(tuple("sms", "unconfirmed"), tuple("capture", "delivered"));
    }

    @Test
    void withoutAnotherChannelThatConfirmsTheDeliveryStaysUnconfirmedAndNothingIsThrownForARetry() {
        ChannelContactNotifier notifier = fixture.notifier(3, unanswered("sms"));

        NotificationResult result = notifier.notify(fixture.notificationFor(ANN));

        assertThat(result.delivery()).isEqualTo(NotificationDelivery.UNCONFIRMED);
        assertThat(result.detail()).isEqualTo("sms");
        assertThat(result.unconfirmedBecause()).contains("sms: no answer");
    }

    private static NotificationChannel unanswered(String name) {
        return new NotificationChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> addressOf(Contact contact) {
                return Optional.of("+15550100001");
            }

            @Override
            public String send(String address, ContactMessage message) {
                throw DeliveryFailedException.unanswered(name + ": no answer", new SocketTimeoutException("read timed out"));
            }

            @Override
            public Optional<Duration> longestSend() {
                return Optional.of(Duration.ZERO);
            }
        };
    }

    private NotificationChannel capturing() {
        return new NotificationChannel() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public Optional<String> addressOf(Contact contact) {
                return Optional.of("capture");
            }

            @Override
            public String send(String address, ContactMessage message) {
                sent.add(message);
                return null;
            }

            @Override
            public Optional<Duration> longestSend() {
                return Optional.of(Duration.ZERO);
            }
        };
    }
}
