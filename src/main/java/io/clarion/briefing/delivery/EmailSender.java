package io.clarion.briefing.delivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends briefings by SMTP (Jakarta Mail). Transient failures (no connection, timeouts, 4xx replies)
 * are retried; 5xx replies, invalid addresses and refused credentials are permanent. Reusable and
 * safe to share between threads.
 */
public final class EmailSender {
    private final DeliverySettings.Mail mail;
    private final Retries retries;
    private final Session session;
    private final String server;

    public EmailSender(DeliverySettings settings) {
        this.mail = settings.mail();
        this.retries = new Retries(settings.retry());
        this.server = mail.host().orElse("-") + ":" + mail.port();
        this.session = Session.getInstance(properties(mail, settings.retry()));
    }

    private static Properties properties(DeliverySettings.Mail mail, DeliverySettings.Retry retry) {
        Properties p = new Properties();
        mail.host().ifPresent(h -> p.setProperty("mail.smtp.host", h));
        p.setProperty("mail.smtp.port", Integer.toString(mail.port()));
        String timeout = Long.toString(retry.timeout().toMillis());
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.auth", Boolean.toString(mail.username().isPresent()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(mail.startTls() != DeliverySettings.StartTls.DISABLED));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(mail.startTls() == DeliverySettings.StartTls.REQUIRED));
        p.setProperty("mail.mime.charset", StandardCharsets.UTF_8.name());
        return p;
    }

    /** Sends {@code message}; never throws. */
    public DeliveryResult send(EmailMessage message) {
        if (!mail.configured()) {
            return new DeliveryResult.Failed(true, "email is not configured (clarion.mail.host)", 1, Optional.empty());
        }
        MimeMessage mime;
        try {
            // Built once, so every attempt carries the same Message-ID.
            mime = mime(message);
        } catch (DeliveryFailure f) {
            return new DeliveryResult.Failed(true, f.reason, 1, Optional.empty());
        }
        return retries.run(() -> transmit(mime, message.to()));
    }

    private MimeMessage mime(EmailMessage m) {
        InternetAddress to;
        try {
            new InternetAddress(m.to(), true).validate();
            to = new InternetAddress(m.to(), blankToNull(m.toName()), StandardCharsets.UTF_8.name());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw DeliveryFailure.permanent("invalid email address '" + m.to() + "'");
        }
        try {
            MimeMessage mime = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    // The delivery's own Message-ID, so a resend after a crash is the same message to clients.
                    if (m.idempotencyKey() == null) super.updateMessageID();
                    else setHeader("Message-ID", messageId(m.idempotencyKey()));
                }
            };
            mime.setFrom(new InternetAddress(mail.from()));
            mime.setRecipient(Message.RecipientType.TO, to);
            mime.setSubject(m.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(m.html(), StandardCharsets.UTF_8.name(), "html");
            // multipart/alternative lists the preferred part last.
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
            mime.saveChanges(); // assigns the Message-ID
            return mime;
        } catch (MessagingException e) {
            throw DeliveryFailure.permanent("email for " + m.to() + " could not be built: " + e.getMessage());
        }
    }

    private String transmit(MimeMessage mime, String to) {
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(mail.host().orElseThrow(), mail.port(), mail.username().orElse(null), mail.password().orElse(null));
            transport.sendMessage(mime, mime.getAllRecipients());
            return mime.getMessageID();
        } catch (MessagingException e) {
            throw classify(e, to);
        } finally {
            close(transport);
        }
    }

    // Once the server has the message, a failing QUIT must not turn into a retry and a duplicate.
    private static void close(Transport transport) {
        if (transport == null) return;
        try {
            transport.close();
        } catch (MessagingException e) {
            // nothing left to do
        }
    }

    /** Which failures a later attempt may cure, in SMTP's terms: 4xx transient, 5xx permanent. */
    private DeliveryFailure classify(MessagingException e, String to) {
        if (e instanceof AuthenticationFailedException) {
            return DeliveryFailure.permanent("SMTP authentication failed at " + server + " for user '" + mail.username().orElse("") + "'");
        }
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return byCode(a.getReturnCode(), a.getMessage(), a.getAddress().getAddress());
            }
            if (x instanceof SMTPSenderFailedException s) {
                return byCode(s.getReturnCode(), s.getMessage(), "sender " + mail.from());
            }
            if (x instanceof SMTPSendFailedException s) {
                return byCode(s.getReturnCode(), s.getMessage(), to);
            }
        }
        if (e instanceof SendFailedException) {
            return DeliveryFailure.permanent("SMTP rejected " + to + ": " + firstLine(e.getMessage()));
        }
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return DeliveryFailure.transientFailure("SMTP: cannot connect to " + server + " (" + firstLine(cause.getMessage()) + ")");
        }
        if (cause instanceof UnknownHostException) {
            return DeliveryFailure.transientFailure("SMTP: unknown host " + mail.host().orElse(""));
        }
        if (cause instanceof SocketTimeoutException) {
            return DeliveryFailure.transientFailure("SMTP: no reply from " + server + " in time");
        }
        String message = firstLine(e.getMessage());
        if (message.contains("STARTTLS")) {
            // A TLS requirement the server cannot meet is configuration, not bad luck.
            return DeliveryFailure.permanent("SMTP at " + server + ": " + message);
        }
        return DeliveryFailure.transientFailure("SMTP at " + server + ": " + message);
    }

    private static DeliveryFailure byCode(int code, String serverReply, String whom) {
        String reply = firstLine(serverReply);
        String reason = "SMTP " + (reply.startsWith(Integer.toString(code)) ? reply : code + " " + reply) + " for " + whom;
        return code >= 500 ? DeliveryFailure.permanent(reason) : DeliveryFailure.transientFailure(reason);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** {@code <key@domain of the sender>}: unique as the key is, and the same for every send of it. */
    String messageId(String key) {
        String from = mail.from();
        int at = from.lastIndexOf('@');
        String domain = at >= 0 && at < from.length() - 1 ? from.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "") : "";
        return "<" + key.replaceAll("[^A-Za-z0-9._-]", "") + "@" + (domain.isEmpty() ? "clarion.localhost" : domain) + ">";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
