package org.tessera.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.tessera.portal.PortalApplication;
import org.tessera.portal.TestIndices;

/** Defect 2 of issue 16: a production-style start refuses the published demo users. */
class DemoUsersRefusedIT {

    private static Map<String, Object> productionStart(String password) {
        Map<String, Object> properties = new HashMap<>();
        TestIndices.register((name, value) -> properties.put(name, value.get()));
        properties.put("server.port", "0");
        properties.put("spring.profiles.active", "prod");
        properties.put("tessera.portal.demo-users[0].username", "duty");
        properties.put("tessera.portal.demo-users[0].password", password);
        properties.put("tessera.portal.demo-users[0].roles", "DUTY_MANAGER");
        return properties;
    }

    @Test
    void defect2_aProductionStartWithAClearTextDemoPasswordRefusesToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(PortalApplication.class).properties(productionStart("{noop}duty-demo")).run().close())
                .rootCause().hasMessageContaining("Refusing to start").hasMessageContaining("'duty'").hasMessageContaining("{noop}");
    }

    @Test
    void defect2_thePublishedPasswordIsRefusedWhateverItsEncoding() {
        String bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("duty-demo");
        assertThat(bcrypt).startsWith("{bcrypt}");
        assertThatThrownBy(() -> new SpringApplicationBuilder(PortalApplication.class).properties(productionStart(bcrypt)).run().close())
                .rootCause().hasMessageContaining("published demo password");
    }
}
