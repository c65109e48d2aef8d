package org.tessera.portal.alerts;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alert delivery ({@code tessera.alerts.*}, docs/portal.md). Mail goes out only when Spring Mail
 * is configured ({@code spring.mail.host}).
 *
 * @param portalUrl the portal's address as users reach it: the only thing an alert mail carries
 * @param mailFrom  the sender address of alert mail
 * @param mailSubject the subject of alert mail (no personal details)
 */
@ConfigurationProperties("tessera.alerts")
public record AlertsProperties(URI portalUrl, String mailFrom, String mailSubject) {

    public AlertsProperties {
        portalUrl = portalUrl == null ? URI.create("http://localhost:8080") : portalUrl;
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "tessera@localhost" : mailFrom;
        mailSubject = mailSubject == null || mailSubject.isBlank() ? "Tessera: a watchlist alert" : mailSubject;
        if (!"https".equals(portalUrl.getScheme()) && !"http".equals(portalUrl.getScheme())) {
            throw new IllegalArgumentException("tessera.alerts.portal-url must be an http(s) address, was " + portalUrl);
        }
    }

    /** The link an alert mail carries: the watchlist, with the alert's opaque id. */
    public String link(String alertId) {
        String base = portalUrl.toString().replaceAll("/+$", "");
        return base + "/watchlist?alert=" + alertId;
    }
}
