package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

/**
 * Plain-text e-mail over SMTP (the server is Spring Boot's {@code spring.mail.*}). A recipient the
 * server refuses for good is refused; a server that refuses our login is down; a server that cannot be
 * reached may come back.
 */
final class SmtpEmailChannel implements NotificationChannel {

    /**
     * The exchanges of one SMTP conversation, each bounded by the larger of the read and write timeouts: greeting,
     * EHLO, STARTTLS and EHLO again, AUTH, MAIL, RCPT, DATA, the message, QUIT.
     */
    static final int SMTP_EXCHANGES = 10;

    private final JavaMailSender mailSender;
    private final String from;
    private final MessageText text;

    SmtpEmailChannel(JavaMailSender mailSender, String from, MessageText text) {
        this.mailSender = mailSender;
        this.from = from;
        this.text = text;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Optional<String> addressOf(Contact contact) {
        return Optional.ofNullable(contact.email());
    }

    @Override
    public String send(String address, ContactMessage message) {
        MimeMessage mail = mailSender.createMimeMessage();
        try {
            InternetAddress to = new InternetAddress(address, true);
            MimeMessageHelper helper = new MimeMessageHelper(mail, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(text.emailSubject(message));
            helper.setText(text.emailBody(message), false);
        } catch (AddressException e) {
            throw DeliveryFailedException.refused("invalid e-mail address: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw DeliveryFailedException.channelDown("e-mail could not be composed: " + e.getMessage(), e);
        }
        try {
            mailSender.send(mail);
        } catch (MailException e) {
            throw failure(e);
        }
        return messageId(mail);
    }

    /**
     * The SMTP connect plus {@value #SMTP_EXCHANGES} exchanges, from the JavaMail timeouts the sender runs with
     * ({@code spring.mail.properties[mail.smtp.*timeout]}, milliseconds). JavaMail waits for ever when one is unset
     * or 0, and a sender that is not JavaMail's own says nothing of its timeouts: then there is no bound.
     */
    @Override
    public Optional<Duration> longestSend() {
        if (!(mailSender instanceof JavaMailSenderImpl javaMail)) {
            return Optional.empty();
        }
        String protocol = javaMail.getProtocol() == null ? "smtp" : javaMail.getProtocol();
        Properties settings = javaMail.getJavaMailProperties();
        Optional<Duration> connect = millis(settings.getProperty("mail." + protocol + ".connectiontimeout"));
        Optional<Duration> read = millis(settings.getProperty("mail." + protocol + ".timeout"));
        Optional<Duration> write = millis(settings.getProperty("mail." + protocol + ".writetimeout"));
        return connect.flatMap(c -> read.flatMap(r -> write.map(w ->
                c.plus((r.compareTo(w) > 0 ? r : w).multipliedBy(SMTP_EXCHANGES)))));
    }

    private static Optional<Duration> millis(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        long millis = Long.parseLong(value.strip());
        return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    private static DeliveryFailedException failure(MailException exception) {
        if (exception instanceof MailAuthenticationException) {
            return DeliveryFailedException.channelDown("mail server refused our login: "
                    + exception.getMostSpecificCause().getMessage(), exception);
        }
        if (exception instanceof MailParseException || exception instanceof MailPreparationException) {
            return DeliveryFailedException.refused("e-mail refused: " + exception.getMessage(), exception);
        }
        if (exception instanceof MailSendException send && refusedRecipient(send)) {
            return DeliveryFailedException.refused("recipient refused by the mail server: "
                    + exception.getMostSpecificCause().getMessage(), exception);
        }
        if (UnansweredSend.mayHaveLeft(exception) || exception instanceof MailSendException send
                && Arrays.stream(send.getMessageExceptions()).anyMatch(UnansweredSend::mayHaveLeft)) {
            return DeliveryFailedException.unanswered("mail server did not answer: "
                    + exception.getMostSpecificCause().getMessage() + " (it may have taken the e-mail)", exception);
        }
        return DeliveryFailedException.transientFailure("mail server unavailable: "
                + exception.getMostSpecificCause().getMessage(), exception);
    }

    /**
     * The SMTP transport lists a recipient as invalid on a 5xx answer and as valid-but-unsent on a
     * 4xx one (mailbox busy, greylisting), which may work later.
     */
    private static boolean refusedRecipient(MailSendException exception) {
        return exception.getFailedMessages().values().stream().anyMatch(cause ->
                cause instanceof SendFailedException failed
                        && failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0
                        && (failed.getValidUnsentAddresses() == null || failed.getValidUnsentAddresses().length == 0));
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }
}
