package org.tessera.indexer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.SourceMappings;

class DeltaSplitterTest {

    @Test
    void plantsADayThatMergesAMotherAndTheTenantSheBecameUnderANewFamilyName(@TempDir Path out) throws Exception {
        LocalDate end = GeneratorSettings.DEFAULT_END;
        new CountyGenerator(GeneratorSettings.preset("250-children", 19, 1, end)).generate(out);
        DeltaSplitter.Split split = new DeltaSplitter(SourceMappings.loadAllFromClasspath("mappings/sources")).split(out, end, 30);

        DeltaSplitter.Merge merge = split.merge();
        assertThat(merge).isNotNull();
        assertThat(merge.day()).isEqualTo(split.days().get(DeltaSplitter.MERGE_DAY - 1));
        assertThat(merge.tenant()).isEqualTo("housing_tenancy_events/" + PlantedMerge.TENANCY_ID + "/0");
        assertThat(merge.bridge()).isEqualTo("health_ae_attendances/" + PlantedMerge.AE_ID);

        Charset housing = Charset.forName("windows-1252");
        String tenancy = Files.readString(out.resolve("history/housing_tenancy_events.csv"), housing);
        assertThat(tenancy).as("the tenancy is history").contains(PlantedMerge.TENANCY_ID + ",").contains("Ms Claire Ashdown");
        assertThat(Files.readString(out.resolve("data/housing_tenancy_events.csv"), housing)).contains(PlantedMerge.TENANCY_ID + ",");
        String day = Files.readString(out.resolve("deltas").resolve(merge.day().toString())
                .resolve("health_ae_attendances_delta-" + merge.day() + ".csv"), StandardCharsets.UTF_8);
        assertThat(day).as("the bridge arrives on the merge day, accompanied under the new name")
                .contains(PlantedMerge.AE_ID + ",").contains(",Claire Ashdown,");
        assertThat(Files.readString(out.resolve("history/health_ae_attendances.csv"), StandardCharsets.UTF_8)).doesNotContain(PlantedMerge.AE_ID);
        String original = merge.mother().split("/")[1];
        assertThat(Files.readString(out.resolve("history/health_ae_attendances.csv"), StandardCharsets.UTF_8))
                .as("the visit it copies, with the mother under her first name").contains(original + ",");
        assertThat(Files.readString(out.resolve("ground-truth/occurrences.csv"), StandardCharsets.UTF_8))
                .contains("health_ae_attendances," + PlantedMerge.AE_ID + ",1,parent,")
                .contains("housing_tenancy_events," + PlantedMerge.TENANCY_ID + ",0,subject,");
        assertThat(Files.readString(out.resolve("deltas/schedule.txt"), StandardCharsets.UTF_8))
                .contains(merge.day() + " applied (" + merge.bridge() + " joins " + merge.mother() + " and " + merge.tenant() + ")");
    }
}
