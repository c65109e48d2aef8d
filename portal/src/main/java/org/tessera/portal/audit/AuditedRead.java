package org.tessera.portal.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service method that reads personal data. {@link AuditedReadInterceptor} refuses the call
 * unless a purpose is bound ({@link ReadPurpose}) and writes exactly one audit record with it
 * before the method runs; a marked method called from another marked method adds no second record.
 * The REST API binds the {@code purpose} request parameter, the views the purpose the user stated.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuditedRead {

    /** The audit action, one of the {@link AuditTrail} constants. */
    String value();

    /** Index of the argument holding the person's id, or -1. */
    int person() default -1;

    /** Index of the argument holding the search text, or -1. */
    int query() default -1;

    /** A fixed detail for the record (an argument implementing {@link Detail} adds its own). */
    String detail() default "";

    /** An argument that describes itself for the audit record (a search filter). */
    interface Detail {
        String describe();
    }
}
