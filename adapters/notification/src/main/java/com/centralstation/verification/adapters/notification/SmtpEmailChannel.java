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
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Plain-text e-mail over SMTP (the server is Spring Boot's {@code spring.mail.*}). A recipient the
 * server refuses for good is refused; a server that refuses our login is down; a server that cannot be
 * reached may come back.
 */
final class SmtpEmailChannel implements NotificationChannel {

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
