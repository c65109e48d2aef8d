package org.tessera.portal.common.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tessera.portal.audit.ReadPurpose;

/**
 * The purpose a user stated for searching and working the watchlist, kept for their session (a
 * profile asks again for its own). Views read personal data only inside {@link #read}, which binds
 * it for the audited services.
 */
public final class ViewPurpose {

    private static final String KEY = "tessera.read-purpose";

    private ViewPurpose() {
    }

    /** Runs {@code then} with the session's purpose, asking for one first when none was stated. */
    public static void require(String question, Consumer<String> then) {
        VaadinSession session = VaadinSession.getCurrent();
        Object stated = session == null ? null : session.getAttribute(KEY);
        if (stated instanceof String purpose) {
            then.accept(purpose);
            return;
        }
        new PurposeDialog(question, purpose -> {
            VaadinSession.getCurrent().setAttribute(KEY, purpose);
            then.accept(purpose);
        }, () -> UI.getCurrent().navigate("")).open();
    }

    /** {@code read} with the session's purpose bound (none bound when none was stated: the audited call refuses). */
    public static <T> T read(Supplier<T> read) {
        VaadinSession session = VaadinSession.getCurrent();
        Object stated = session == null ? null : session.getAttribute(KEY);
        return ReadPurpose.with(stated instanceof String purpose ? purpose : null, read);
    }
}
