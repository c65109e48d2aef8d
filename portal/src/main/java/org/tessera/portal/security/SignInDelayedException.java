package org.tessera.portal.security;

import org.springframework.security.core.AuthenticationException;

/** A sign-in attempt that came before its wait was over ({@link LoginThrottle}): the password was not checked. */
public class SignInDelayedException extends AuthenticationException {
    public SignInDelayedException(String message) {
        super(message);
    }
}
