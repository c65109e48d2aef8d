package org.tessera.portal;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Tessera portal: search, child profile, watchlist, indicators, jobs and audit over the Tessera indices. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Meta(name = "referrer", content = "same-origin")
public class PortalApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
