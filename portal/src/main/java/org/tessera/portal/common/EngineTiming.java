package org.tessera.portal.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tessera.indexer.opensearch.EngineMeter;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * With {@code tessera.portal.server-timing=true} (off by default: it tells a client how the portal
 * works inside), every API answer carries the engine work its request caused, as a standard
 * {@code Server-Timing} header written just before the body:
 * {@code engine;dur=<the engine's own took, ms>, engine-requests;desc="N", engine-documents;desc="N", engine-chars;desc="N"}.
 * Counted by the gateway's {@link EngineMeter} on the request's thread (sign-in and the audit
 * append included). {@code tessera bench portal} prints it per page beside the wall times.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tessera.portal.server-timing", havingValue = "true")
class EngineTiming {

    @Bean
    FilterRegistrationBean<EngineTimingFilter> engineTimingFilter(OpenSearchConnection connection) {
        FilterRegistrationBean<EngineTimingFilter> registration = new FilterRegistrationBean<>(new EngineTimingFilter(connection.meter()));
        registration.addUrlPatterns("/api/*");
        // Before security: a request's sign-in work is its work too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    static final class EngineTimingFilter extends OncePerRequestFilter {
        private final EngineMeter meter;

        EngineTimingFilter(EngineMeter meter) {
            this.meter = meter;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            EngineMeter.Mark mark = meter.mark();
            long auditStart = org.tessera.portal.audit.AuditTrail.appendNanos();
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                private boolean written;

                private void header() {
                    if (!written && !isCommitted()) {
                        written = true;
                        setHeader("Server-Timing", value(mark.since())
                                + audit(org.tessera.portal.audit.AuditTrail.appendNanos() - auditStart));
                    }
                }

                @Override
                public ServletOutputStream getOutputStream() throws IOException {
                    header();
                    return super.getOutputStream();
                }

                @Override
                public PrintWriter getWriter() throws IOException {
                    header();
                    return super.getWriter();
                }

                @Override
                public void flushBuffer() throws IOException {
                    header();
                    super.flushBuffer();
                }
            });
        }

        /** The time the request spent appending to the audit chain, waiting for its lock included. */
        static String audit(long nanos) {
            return String.format(Locale.ROOT, ", audit;dur=%.1f", nanos / 1e6);
        }

        static String value(EngineMeter.Work work) {
            return String.format(Locale.ROOT, "engine;dur=%d, engine-requests;desc=\"%d\", engine-documents;desc=\"%d\", engine-chars;desc=\"%d\"",
                    work.tookMillis(), work.requests(), work.documents(), work.answerChars());
        }
    }
}
