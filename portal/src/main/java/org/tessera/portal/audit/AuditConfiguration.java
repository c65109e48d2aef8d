package org.tessera.portal.audit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.tessera.indexer.audit.AuditAnchor;
import org.tessera.indexer.config.SettingsSource;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code tessera.audit.*} bound from Spring's environment into the indexer's own settings (same names as the CLI). */
    @Bean
    AuditAnchor auditAnchor(Environment environment) {
        Map<String, String> bound = Binder.get(environment).bind("tessera.audit", Bindable.mapOf(String.class, String.class)).orElseGet(Map::of);
        Map<String, String> settings = new HashMap<>();
        bound.forEach((key, value) -> settings.put("tessera.audit." + key, value));
        // the default checkpoint file is one per index prefix (AuditAnchor)
        String prefix = environment.getProperty("tessera.opensearch.index-prefix");
        if (prefix != null && !prefix.isBlank()) {
            settings.put("tessera.opensearch.index-prefix", prefix);
        }
        return AuditAnchor.forWriter(SettingsSource.of(settings));
    }

    /**
     * The one place reads of personal data are audited: every service method marked
     * {@link AuditedRead}, after method security has let the call through.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor auditedReads(ObjectProvider<AuditTrail> audit) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(AuditedRead.class),
                new AuditedReadInterceptor(audit));
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
        return advisor;
    }
}
