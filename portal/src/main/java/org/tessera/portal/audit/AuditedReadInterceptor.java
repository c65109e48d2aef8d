package org.tessera.portal.audit;

import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.tessera.indexer.audit.AuditRecord;

/**
 * Audits every {@link AuditedRead} call: refuses it without a purpose, else writes one record
 * (action, person, search text, purpose) and returns the read's answer only once the record is
 * stored, so a failure to audit is a failure of the read and nothing read leaves unaudited. The
 * append runs beside the read (ADR 0033): a view waits for the longer of the two, not their sum.
 * A read that fails still waits for its record (over-auditing, never under). Nested marked calls
 * are part of the outer read. Thread-safe.
 */
final class AuditedReadInterceptor implements MethodInterceptor {

    private static final ThreadLocal<AuditTrail.Pending> OUTER = new ThreadLocal<>();

    private final ObjectProvider<AuditTrail> audit;

    AuditedReadInterceptor(ObjectProvider<AuditTrail> audit) {
        this.audit = audit;
    }

    /** The record the read in progress on this thread wrote (waiting for it to be stored), or {@code null}. */
    static AuditRecord current() {
        AuditTrail.Pending pending = OUTER.get();
        return pending == null ? null : pending.await();
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (OUTER.get() != null) {
            return invocation.proceed();
        }
        Method method = invocation.getThis() == null ? invocation.getMethod()
                : AopUtils.getMostSpecificMethod(invocation.getMethod(), invocation.getThis().getClass());
        AuditedRead read = AnnotationUtils.findAnnotation(method, AuditedRead.class);
        String purpose = ReadPurpose.current().orElseThrow(() -> new PurposeRequiredException(read.value()));
        Object[] arguments = invocation.getArguments();
        String person = read.person() >= 0 ? String.valueOf(arguments[read.person()]) : null;
        String query = read.query() >= 0 && arguments[read.query()] != null ? String.valueOf(arguments[read.query()]) : null;
        String detail = read.detail().isEmpty() ? null : read.detail();
        for (Object argument : arguments) {
            if (argument instanceof AuditedRead.Detail described && !described.describe().isEmpty()) {
                detail = detail == null ? described.describe() : detail + "; " + described.describe();
            }
        }
        AuditTrail.Pending record = audit.getObject().begin(read.value(), person, query, purpose, detail);
        OUTER.set(record);
        Object answer;
        try {
            answer = invocation.proceed();
        } catch (Throwable failed) {
            try {
                record.await();
            } catch (RuntimeException | Error auditFailed) {
                failed.addSuppressed(auditFailed);
            }
            throw failed;
        } finally {
            OUTER.remove();
        }
        record.await();
        return answer;
    }
}
