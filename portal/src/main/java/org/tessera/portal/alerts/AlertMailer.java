package org.tessera.portal.alerts;

import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.tessera.indexer.arrivals.Alert;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.watchlist.WatchlistSection;

/**
 * Alert e-mail through Spring Mail's SMTP client, on a thread of its own. The message names no
 * child and carries no detail of the case (e-mail leaves the portal's control): only that the
 * watchlist changed, in which section, and a link to sign in and look. Sent only when
 * {@code spring.mail.host} is configured. Thread-safe.
 */
@Component
class AlertMailer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertMailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final AlertsProperties properties;
    private final ExecutorService mail = DaemonThreads.single("alert-mail");

    AlertMailer(ObjectProvider<JavaMailSender> sender, AlertsProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    boolean enabled() {
        return sender.getIfAvailable() != null;
    }

    /** Queues the message; {@code sent} runs after the SMTP server accepted it. */
    void send(String to, Alert alert, Runnable sent) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            return;
        }
        mail.submit(() -> {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.mailFrom());
            message.setTo(to);
            message.setSubject(properties.mailSubject());
            message.setText(body(alert));
            try {
                smtp.send(message);
                sent.run();
            } catch (MailException e) {
                log.warn("Alert mail for alert {} not sent: {}", alert.alertId(), e.getMessage());
            }
        });
    }

    /** The whole message: no name, date of birth, address, district, score or reason. */
    String body(Alert alert) {
        String section = "cumulative".equals(alert.change().section()) ? WatchlistSection.CUMULATIVE.title()
                : WatchlistSection.SINGLE_CONCERN.title();
        return "A child's picture on the Tessera watchlist has changed (" + section + ").\n\n"
                + "Sign in to the portal to see it:\n" + properties.link(alert.alertId()) + "\n\n"
                + "This message carries no personal details by design; do not forward it as a record.\n";
    }

    @Override
    public void close() {
        mail.shutdown();
    }
}
