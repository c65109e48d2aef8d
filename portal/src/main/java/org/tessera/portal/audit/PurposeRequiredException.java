package org.tessera.portal.audit;

/** A read of personal data was asked for without a stated purpose; nothing was read. */
public class PurposeRequiredException extends IllegalArgumentException {
    public PurposeRequiredException(String action) {
        super("a purpose is required to read personal data (" + action + "): state why, e.g. ?purpose=Section%2047%20enquiry");
    }
}
