package org.tessera.portal.audit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.tessera.indexer.audit.AuditRecord;
import org.tessera.indexer.audit.AuditVerification;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.common.ui.MainLayout;
import org.tessera.portal.security.Roles;

/** Who searched for what and who opened which profile, when and why; and whether the chain is intact. */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit | Tessera")
@RolesAllowed(Roles.AUDITOR)
class AuditView extends VerticalLayout {

    AuditView(AuditTrail audit) {
        setSizeFull();
        add(new H2("Audit trail"));
        TextField user = new TextField("User");
        TextField action = new TextField("Action");
        action.setPlaceholder("search, profile_view, access_denied…");
        TextField person = new TextField("Person id");
        Span verification = new Span();
        verification.setId("audit-verification");
        Button verify = new Button("Verify chain", e -> {
            AuditVerification result = audit.verify();
            verification.setText(result.intact() ? "Intact: " + result.records() + " records"
                    : "BROKEN at record " + result.brokenAt() + ": " + result.problem());
        });
        verify.setId("audit-verify");
        Grid<AuditRecord> grid = new Grid<>();
        grid.setId("audit-grid");
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(AuditRecord::sequence).setHeader("#").setAutoWidth(true);
        grid.addColumn(r -> r.timestamp().toString()).setHeader("When").setAutoWidth(true);
        grid.addColumn(AuditRecord::user).setHeader("User");
        grid.addColumn(r -> String.join(", ", r.roles())).setHeader("Roles").setAutoWidth(true);
        grid.addColumn(AuditRecord::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditRecord::outcome).setHeader("Outcome");
        grid.addColumn(AuditRecord::targetPersonId).setHeader("Person");
        grid.addColumn(AuditRecord::query).setHeader("Search");
        grid.addColumn(AuditRecord::purpose).setHeader("Purpose");
        grid.addColumn(AuditRecord::detail).setHeader("Detail");
        grid.addColumn(AuditRecord::clientAddress).setHeader("Address");
        Runnable refresh = () -> grid.setItems(q -> audit.recent(q.getOffset(), q.getLimit(), user.getValue(), action.getValue(), person.getValue()).stream());
        user.addValueChangeListener(e -> refresh.run());
        action.addValueChangeListener(e -> refresh.run());
        person.addValueChangeListener(e -> refresh.run());
        HorizontalLayout filters = new HorizontalLayout(user, action, person, verify, verification);
        filters.setAlignItems(Alignment.BASELINE);
        add(filters, grid);
        refresh.run();
    }
}
