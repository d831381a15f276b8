package io.clarion.briefing.delivery;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Briefing emails through a real SMTP server in-process (GreenMail), and failures told apart. */
class EmailSenderTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final DeliverySettings.Retry FAST = new DeliverySettings.Retry(3, Duration.ofMillis(10), Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    static EmailSender sender(int port) {
        DeliverySettings.Mail mail = new DeliverySettings.Mail(Optional.of("127.0.0.1"), port, "clarion@example.com",
                Optional.empty(), Optional.empty(), DeliverySettings.StartTls.OPTIONAL);
        return new EmailSender(new DeliverySettings(mail, noSlack(), FAST));
    }

    static DeliverySettings.Slack noSlack() {
        return new DeliverySettings.Slack(Optional.empty(), Optional.empty(), DeliverySettings.DEFAULT_SLACK_BASE_URL);
    }

    static EmailMessage message(String to) {
        return new EmailMessage(to, "Zoë Owner", "Retention risk: 3 accounts · € 12,400 MRR",
                "<p>Accounts in <b>Zürich</b>: € 12,400 · at risk</p>", "Accounts in Zürich: € 12,400 · at risk");
    }

    @Test
    void sendsMultipartAlternativeInUtf8() throws Exception {
        DeliveryResult r = sender(SMTP.getSmtp().getPort()).send(message("owner@example.com"));

        DeliveryResult.Sent sent = assertInstanceOf(DeliveryResult.Sent.class, r, r.toString());
        assertEquals(1, sent.attempts());
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage m = received[0];
        assertEquals(sent.detail(), m.getMessageID(), "the result carries the Message-ID");
        InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
        assertEquals("owner@example.com", to.getAddress());
        assertEquals("Zoë Owner", to.getPersonal());
        assertEquals("clarion@example.com", ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals("Retention risk: 3 accounts · € 12,400 MRR", m.getSubject());

        assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"), parts.getBodyPart(0).getContentType());
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"), parts.getBodyPart(1).getContentType());
        assertTrue(parts.getBodyPart(0).getContentType().toLowerCase().contains("charset=utf-8"));
        assertTrue(parts.getBodyPart(1).getContentType().toLowerCase().contains("charset=utf-8"));
        assertEquals("Accounts in Zürich: € 12,400 · at risk", parts.getBodyPart(0).getContent().toString().strip());
        assertEquals("<p>Accounts in <b>Zürich</b>: € 12,400 · at risk</p>", parts.getBodyPart(1).getContent().toString().strip());
    }

    @Test
    void aDeliverySentAgainCarriesTheSameMessageId() throws Exception {
        EmailMessage m = message("owner@example.com");
        EmailMessage keyed = new EmailMessage(m.to(), m.toName(), m.subject(), m.html(), m.text(), "7f1d2c3b-delivery-key");
        // Two sends of one delivery (the second as after a hard kill before the first was recorded), by two senders.
        DeliveryResult.Sent first = assertInstanceOf(DeliveryResult.Sent.class, sender(SMTP.getSmtp().getPort()).send(keyed));
        DeliveryResult.Sent again = assertInstanceOf(DeliveryResult.Sent.class, sender(SMTP.getSmtp().getPort()).send(keyed));

        assertEquals("<7f1d2c3b-delivery-key@example.com>", first.detail());
        assertEquals(first.detail(), again.detail());
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(2, received.length);
        assertEquals(first.detail(), received[0].getMessageID());
        assertEquals(first.detail(), received[1].getMessageID());
        // Without a key each message gets its own.
        sender(SMTP.getSmtp().getPort()).send(m);
        assertFalse(SMTP.getReceivedMessages()[2].getMessageID().contains("delivery-key"));
    }

    @Test
    void aServerThatIsDownIsRetriedThenReportedRetryable() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        DeliveryResult r = sender(port).send(message("owner@example.com"));

        DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class, r);
        assertFalse(failed.permanent());
        assertEquals(3, failed.attempts());
        assertTrue(failed.reason().startsWith("SMTP: cannot connect to 127.0.0.1:" + port), failed.reason());
        assertTrue(failed.retryAfter().isEmpty());
    }

    @Test
    void anInvalidAddressIsPermanentAndNothingIsSent() {
        DeliveryResult r = sender(SMTP.getSmtp().getPort()).send(message("owner(at)example.com"));

        DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class, r);
        assertTrue(failed.permanent());
        assertEquals(1, failed.attempts());
        assertEquals("invalid email address 'owner(at)example.com'", failed.reason());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void aRejectedMailboxIsPermanentAfterOneAttempt() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 mailbox unavailable")) {
            DeliveryResult r = sender(server.port()).send(message("owner@example.com"));

            DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class, r);
            assertTrue(failed.permanent());
            assertEquals(1, failed.attempts());
            assertEquals(1, server.rcptCount());
            assertEquals("SMTP 550 mailbox unavailable for owner@example.com", failed.reason());
        }
    }

    @Test
    void aTemporarilyRefusedMailboxIsRetried() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.3.0 try again later")) {
            DeliveryResult r = sender(server.port()).send(message("owner@example.com"));

            DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class, r);
            assertFalse(failed.permanent());
            assertEquals(3, failed.attempts());
            assertEquals(3, server.rcptCount());
            assertEquals("SMTP 451 4.3.0 try again later for owner@example.com", failed.reason());
        }
    }

    @Test
    void withoutAMailHostEmailIsNotConfigured() {
        DeliverySettings none = DeliverySettings.from(k -> Optional.empty());
        DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class,
                new EmailSender(none).send(message("owner@example.com")));
        assertTrue(failed.permanent());
        assertTrue(failed.reason().contains("clarion.mail.host"), failed.reason());
    }
}
