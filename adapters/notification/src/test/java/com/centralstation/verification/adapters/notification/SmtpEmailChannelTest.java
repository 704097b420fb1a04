package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SmtpEmailChannelTest {

    private static final String FROM = "alarms@station.example";

    @RegisterExtension
    static final GreenMailExtension MAIL_SERVER = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final NotificationFixture fixture = new NotificationFixture();

    @Test
    void mailsThePlainTextSummaryAndThePersonalLinkToTheContact() throws Exception {
        fixture.notifier(3, email(MAIL_SERVER.getSmtp().getPort())).notify(fixture.notificationFor(ANN));

        MimeMessage[] received = MAIL_SERVER.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(ANN.email());
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly(FROM);
        assertThat(mail.getSubject()).isEqualTo("Alarm verification: motion at site 12345/1 (Main Entrance)");
        assertThat(mail.getContentType()).startsWith("text/plain");
        String body = (String) mail.getContent();
        assertThat(body).contains("Site:     12345/1", "Location: Main Entrance", "Trigger:  motion",
                "Time:     26 May 10:21 UTC", "Priority: HIGH");
        assertThat(fixture.contactOfLinkIn(body)).contains(ANN.contactId());
        Stream.of(BEN, CHO).flatMap(other -> Stream.of(other.firstName(), other.phoneNumber()))
                .forEach(detail -> assertThat(NotificationFixture.withoutLinks(body)).doesNotContain(detail));
        assertThat(fixture.log.all()).containsExactly(new NotificationAttempt(fixture.verificationId(), ANN.contactId(),
                "email", ANN.email(), NotificationFixture.NOW, true, mail.getMessageID()));
    }

    @Test
    void anAddressThatIsNoAddressIsPermanent() {
        Contact broken = new Contact(7, "Eve", "Stone", null, "eve at example");
        NotificationFixture withBroken = new NotificationFixture(broken);

        NotificationResult result = withBroken.notifier(3, email(MAIL_SERVER.getSmtp().getPort()))
                .notify(withBroken.notificationFor(broken));

        assertThat(result.outcome()).isEqualTo(NotificationOutcome.UNREACHABLE);
        assertThat(MAIL_SERVER.getReceivedMessages()).isEmpty();
        assertThat(withBroken.log.all()).singleElement().satisfies(attempt -> {
            assertThat(attempt.channel()).isEqualTo("email");
            assertThat(attempt.address()).isEqualTo("eve at example");
            assertThat(attempt.delivered()).isFalse();
        });
    }

    @Test
    void aMailServerThatCannotBeReachedIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        NotificationFailedException failure = catchThrowableOfType(NotificationFailedException.class,
                () -> fixture.notifier(3, email(closedPort)).notify(fixture.notificationFor(ANN)));

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("mail server unavailable");
        assertThat(fixture.log.all()).singleElement().extracting(NotificationAttempt::delivered).isEqualTo(false);
    }

    @Test
    void aMailServerThatTookTheMessageAndNeverConfirmedItMayHaveSentItSoTheDeliveryIsUnconfirmed() throws Exception {
        try (SilentAfterData server = new SilentAfterData()) {
            NotificationResult result = fixture.notifier(3, email(server.port())).notify(fixture.notificationFor(ANN));

            assertThat(result.delivery()).isEqualTo(NotificationDelivery.UNCONFIRMED);
            assertThat(result.unconfirmedBecause()).hasValueSatisfying(reason ->
                    assertThat(reason).contains("mail server did not answer"));
            assertThat(fixture.log.all()).singleElement().extracting(NotificationAttempt::result).isEqualTo("unconfirmed");
            assertThat(server.messagesReceived()).isEqualTo(1);
        }
    }

    /**
     * An SMTP server that takes a whole message and then never answers the end of its DATA: the message is on the
     * server, and the sender never learns it.
     */
    private static final class SilentAfterData implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final AtomicInteger messages = new AtomicInteger();
        private final Thread serving = new Thread(this::serve, "silent-smtp");

        SilentAfterData() throws IOException {
            serving.setDaemon(true);
            serving.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int messagesReceived() {
            return messages.get();
        }

        private void serve() {
            try (Socket client = socket.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                 Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
                answer(out, "220 silent.test ESMTP");
                boolean data = false;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (data) {
                        if (line.equals(".")) {
                            messages.incrementAndGet();
                            data = false;
                        }
                    } else if (line.toUpperCase(Locale.ROOT).startsWith("DATA")) {
                        answer(out, "354 go ahead");
                        data = true;
                    } else {
                        answer(out, "250 ok");
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private static void answer(Writer out, String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            serving.interrupt();
        }
    }

    @Test
    void aContactWithoutEmailIsNotForThisChannel() {
        assertThat(email(MAIL_SERVER.getSmtp().getPort()).addressOf(CHO)).isEmpty();
    }

    private static SmtpEmailChannel email(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "2000");
        timeouts.put("mail.smtp.timeout", "2000");
        timeouts.put("mail.smtp.writetimeout", "2000");
        sender.setJavaMailProperties(timeouts);
        return new SmtpEmailChannel(sender, FROM, new MessageText(ZoneId.of("UTC")));
    }
}
