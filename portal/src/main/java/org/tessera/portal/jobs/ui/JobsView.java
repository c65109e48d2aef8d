package org.tessera.portal.jobs.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;
import org.tessera.portal.common.ui.MainLayout;
import org.tessera.portal.jobs.JobService;
import org.tessera.portal.security.Roles;

/** Ingest jobs: progress, counts and quarantined rows or files with their reasons. */
@Route(value = "jobs", layout = MainLayout.class)
@PageTitle("Ingest jobs | Tessera")
@RolesAllowed({Roles.ANALYST, Roles.ADMINISTRATOR})
class JobsView extends VerticalLayout {

    JobsView(JobService jobs) {
        setSizeFull();
        add(new H2("Ingest jobs"));
        Grid<JobService.Job> grid = new Grid<>();
        grid.setId("jobs-grid");
        grid.addColumn(JobService.Job::jobId).setHeader("Job").setAutoWidth(true);
        grid.addColumn(JobService.Job::kind).setHeader("Kind");
        grid.addColumn(JobService.Job::status).setHeader("Status");
        grid.addComponentColumn(j -> {
            ProgressBar bar = new ProgressBar(0, 1, j.progress() == null ? 0 : Math.min(1, j.progress()));
            return bar;
        }).setHeader("Progress");
        grid.addColumn(j -> j.counts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .setHeader("Counts").setFlexGrow(2);
        grid.addColumn(j -> j.errors() + " / " + j.warnings()).setHeader("Errors / warnings");
        grid.addColumn(JobService.Job::startedAt).setHeader("Started");
        grid.addColumn(JobService.Job::message).setHeader("Message");
        Grid<JobService.Quarantined> quarantined = new Grid<>();
        quarantined.setId("quarantine-grid");
        quarantined.addColumn(JobService.Quarantined::file).setHeader("File");
        quarantined.addColumn(JobService.Quarantined::line).setHeader("Line");
        quarantined.addColumn(JobService.Quarantined::field).setHeader("Field");
        quarantined.addColumn(JobService.Quarantined::reason).setHeader("Reason").setFlexGrow(3);
        grid.asSingleSelect().addValueChangeListener(e -> quarantined.setItems(e.getValue() == null ? java.util.List.of() : e.getValue().quarantined()));
        grid.setItems(q -> jobs.recent(q.getOffset(), q.getLimit()).stream());
        add(grid, new H2("Quarantined rows of the selected job"), quarantined);
    }
}
