package org.tessera.portal.common.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.function.Consumer;

/** Asks why the user reads personal data (a profile, a search, the watchlist); nothing is shown until a purpose is given. */
public class PurposeDialog extends Dialog {

    public static final List<String> PURPOSES = List.of("Referral screening (MASH)", "Section 47 enquiry", "Child in need assessment",
            "Child protection plan review", "Watchlist review", "Other (describe)");

    public PurposeDialog(Consumer<String> onPurpose, Runnable onCancel) {
        this("Why are you opening this record?", onPurpose, onCancel);
    }

    public PurposeDialog(String question, Consumer<String> onPurpose, Runnable onCancel) {
        this(question, null, onPurpose, onCancel);
    }

    /** With {@code suggested} (one of {@link #PURPOSES}) chosen already: the user confirms or changes it. */
    public PurposeDialog(String question, String suggested, Consumer<String> onPurpose, Runnable onCancel) {
        setHeaderTitle(question);
        setCloseOnOutsideClick(false);
        setCloseOnEsc(false);
        ComboBox<String> purpose = new ComboBox<>("Purpose");
        purpose.setId("purpose");
        purpose.setItems(PURPOSES);
        purpose.setAllowCustomValue(true);
        purpose.addCustomValueSetListener(e -> purpose.setValue(e.getDetail()));
        purpose.setWidthFull();
        if (suggested != null) {
            purpose.setValue(suggested);
        }
        TextField detail = new TextField("Reference or detail (optional)");
        detail.setId("purpose-detail");
        detail.setWidthFull();
        add(new Paragraph("Your purpose is recorded in the audit trail with everything you read for it."), purpose, detail);
        Button open = new Button("Open record", e -> {
            if (purpose.isEmpty()) {
                purpose.setInvalid(true);
                purpose.setErrorMessage("State a purpose");
                return;
            }
            String stated = purpose.getValue() + (detail.isEmpty() ? "" : ": " + detail.getValue());
            close();
            onPurpose.accept(stated);
        });
        open.setId("purpose-open");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> {
            close();
            onCancel.run();
        });
        getFooter().add(cancel, open);
    }
}
