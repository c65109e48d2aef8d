package org.tessera.indexer.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.nlp.analysis.CaseNotePipeline;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;

class DocumentFactsFinderTest {

    private static DocumentFactsFinder finder;

    @BeforeAll
    static void model() {
        CaseNotePipeline text = new CaseNotePipeline(new OpenNlpModels());
        finder = new DocumentFactsFinder(t -> text.analyze(t).entities());
    }

    private static DocumentFacts read(String title, String text, Map<String, String> metadata, String type) {
        return finder.find(text, title, metadata, type, "file");
    }

    @Test
    void readsTheSubjectFromATitleWrittenSurnameFirst() {
        DocumentFacts facts = read("Safeguarding referral - FORD, Daniel (DOB 29/08/2008)",
                "14 Mill Lane, Tessbury TE4 7QP\nDaniel has missed school.", Map.of(), "application/pdf");
        InvolvedPerson subject = facts.subjects().getFirst();
        assertThat(subject.givenNames()).isEqualTo("Daniel");
        assertThat(subject.familyName()).isEqualTo("FORD");
        assertThat(subject.dateOfBirth()).isEqualTo(PartialDate.of(LocalDate.of(2008, 8, 29)));
        assertThat(subject.postcode()).isEqualTo("TE4 7QP");
    }

    @Test
    void readsAFormWithLabelledFieldsAndTheParent() {
        String form = """
                Tessershire Multi-Agency Referral Form (MARF)
                Child's name: Amira Begum-Khan
                Date of birth: 3 March 2015
                NHS number: 943 476 5919
                Address: 22 Church Street, Tessbury
                Postcode: TE1 2AB
                Parent / carer: Mrs Nasreen Begum
                Date of referral: 12/01/2026
                Referring agency: Tessbury Health Visiting Team
                Reason for referral
                School report bruising to the arm.
                """;
        DocumentFacts facts = read(null, form, Map.of(), "application/pdf");
        assertThat(facts.people()).hasSize(2);
        InvolvedPerson subject = facts.people().get(0);
        assertThat(subject.role()).isEqualTo("subject");
        assertThat(subject.givenNames()).isEqualTo("Amira");
        assertThat(subject.familyName()).isEqualTo("Begum-Khan");
        assertThat(subject.dateOfBirth()).isEqualTo(PartialDate.of(LocalDate.of(2015, 3, 3)));
        assertThat(subject.identifiers()).containsEntry("nhs_number", "9434765919");
        assertThat(subject.address()).isEqualTo("22 Church Street, Tessbury");
        assertThat(subject.postcode()).isEqualTo("TE1 2AB");
        InvolvedPerson parent = facts.people().get(1);
        assertThat(parent.role()).isEqualTo("parent");
        assertThat(parent.givenNames()).isEqualTo("Nasreen");
        assertThat(parent.familyName()).isEqualTo("Begum");
        assertThat(facts.date()).isEqualTo(LocalDate.of(2026, 1, 12));
        assertThat(facts.dateSource()).isEqualTo("date_line");
        assertThat(facts.agency()).isEqualTo("health");
    }

    @Test
    void readsALetterWithItsOwnDateAndAReLine() {
        String letter = """
                Tessershire County Council - Children's Services
                Ms Jade Carter
                4 Oak Road
                Tessbury TE3 9XY
                5 February 2026
                Dear Jade
                Re: Liam Carter (DOB 14.11.19)
                Following the Section 47 enquiry, a conference will be held on 20 February 2026.
                Yours sincerely,
                Child Protection Chair, Safeguarding Unit
                """;
        DocumentFacts facts = read(null, letter, Map.of("created", "2026-02-06T09:00:00Z"), "application/vnd.openxmlformats");
        InvolvedPerson subject = facts.subjects().getFirst();
        assertThat(subject.givenNames()).isEqualTo("Liam");
        assertThat(subject.familyName()).isEqualTo("Carter");
        assertThat(subject.dateOfBirth()).isEqualTo(PartialDate.of(LocalDate.of(2019, 11, 14)));
        assertThat(facts.date()).isEqualTo(LocalDate.of(2026, 2, 5));
        assertThat(facts.dateSource()).isEqualTo("letter_date");
        assertThat(facts.organisation()).startsWith("Tessershire County Council");
    }

    @Test
    void readsAnEmailWhoseSubjectIsNamedInTheSubjectLineAndItsSenderDomain() {
        DocumentFacts facts = read("Safeguarding concern - Rhiannon LLOYD",
                "Hi MASH team,\n\nPlease see below a concern logged today regarding Rhiannon LLOYD, DOB 02/05/2013.\n\n"
                        + "She arrived hungry again.\n\nKind regards\nDesignated Safeguarding Lead\nSt Mary's Primary\n",
                Map.of("created", "2026-03-04T08:15:00Z", "creator", "DSL <dsl@stmarys.sch.uk>"), "message/rfc822");
        InvolvedPerson subject = facts.subjects().getFirst();
        assertThat(subject.givenNames()).isEqualTo("Rhiannon");
        assertThat(subject.familyName()).isEqualTo("LLOYD");
        assertThat(facts.date()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(facts.dateSource()).isEqualTo("email_header");
        assertThat(facts.organisation()).isEqualTo("stmarys.sch.uk");
        assertThat(facts.agency()).isEqualTo("education");
    }

    @Test
    void findsASubjectNamedOnlyInProseByTheModel() {
        String note = """
                Police notification of a domestic incident
                Officers attended on 2 June 2026. We are writing regarding Kai Thompson, born 7 July 2016, who was present
                when his mother's partner became aggressive. His mother, Leanne Thompson, declined a DASH assessment.
                PC 4471 Morgan, Tessershire Constabulary
                """;
        DocumentFacts facts = read(null, note, Map.of(), "text/plain");
        InvolvedPerson subject = facts.subjects().getFirst();
        assertThat(subject.givenNames()).isEqualTo("Kai");
        assertThat(subject.familyName()).isEqualTo("Thompson");
        assertThat(subject.dateOfBirth()).isEqualTo(PartialDate.of(LocalDate.of(2016, 7, 7)));
        assertThat(facts.people()).anySatisfy(p -> {
            assertThat(p.role()).isEqualTo("mother");
            assertThat(p.givenNames()).isEqualTo("Leanne");
        });
        assertThat(facts.agency()).isEqualTo("police");
    }

    @Test
    void aValidNhsNumberWithoutLabelBelongsToTheOnlySubjectAndAnInvalidOneIsIgnored() {
        DocumentFacts valid = read(null, "Patient: Ella Morris\nDOB: 2017-04-09\n943 476 5919\n", Map.of(), "text/plain");
        assertThat(valid.subjects().getFirst().identifiers()).containsEntry("nhs_number", "9434765919");
        DocumentFacts invalid = read(null, "Patient: Ella Morris\nDOB: 2017-04-09\nNHS No: 943 476 5918\n", Map.of(), "text/plain");
        assertThat(invalid.subjects().getFirst().identifiers()).doesNotContainKey("nhs_number");
    }

    @Test
    void listsSeveralChildrenInOneField() {
        DocumentFacts facts = read(null, "Children: Amy Hill (DOB 01/02/2015); Ben Hill (DOB 03/04/2017)\n", Map.of(), "text/plain");
        assertThat(facts.subjects()).extracting(InvolvedPerson::givenNames).containsExactly("Amy", "Ben");
        assertThat(facts.subjects()).allSatisfy(s -> assertThat(s.identifiers()).isEmpty());
    }

    @Test
    void aDocumentThatNamesNobodyHasNoSubject() {
        DocumentFacts facts = read("Minutes", "The meeting discussed the new referral pathway.\nActions agreed.", Map.of(), "text/plain");
        assertThat(facts.subjects()).isEmpty();
        assertThat(facts.people()).isEmpty();
    }

    @Test
    void capitalisedClinicalWordsAreNotNames() {
        DocumentFacts facts = read(null, "Fell from trampoline. Backslab applied. Laxatives given.\nDate: 03/03/2026", Map.of(), "text/plain");
        assertThat(facts.subjects()).isEmpty();
        assertThat(facts.date()).isEqualTo(LocalDate.of(2026, 3, 3));
    }

    @Test
    void readsAPoliceNotificationWrittenSurnameFirstWithoutAComma() {
        String notice = """
                CHILD COME TO NOTICE
                NOMINAL (CHILD):  PRICE Tyler   M   02/02/2012
                ADDRESS:          8 Low Road, Tessbury, TE5 5RR
                OTHER PERSONS:    PRICE Donna (mother); HALL Lee (partner)
                """;
        DocumentFacts facts = read(null, notice, Map.of(), "text/plain");
        InvolvedPerson subject = facts.subjects().getFirst();
        assertThat(subject.givenNames()).isEqualTo("Tyler");
        assertThat(subject.familyName()).isEqualTo("PRICE");
        assertThat(subject.dateOfBirth()).isEqualTo(PartialDate.of(LocalDate.of(2012, 2, 2)));
        assertThat(subject.postcode()).isEqualTo("TE5 5RR");
        assertThat(facts.people()).extracting(InvolvedPerson::role).containsExactly("subject", "mother", "partner");
    }

    @Test
    void readsFormsWithDotLeadersAndSubjectLabelsWordedAnyWay() {
        DocumentFacts dots = read(null, "Pupil name ........ Bobby Dean\nDate of birth ..... 31-Mar-2010\nParents ........... Kim and Alex Dean\n",
                Map.of(), "text/plain");
        assertThat(dots.subjects()).singleElement().satisfies(s -> {
            assertThat(s.givenNames()).isEqualTo("Bobby");
            assertThat(s.dateOfBirth()).isEqualTo(PartialDate.of(LocalDate.of(2010, 3, 31)));
        });
        assertThat(DocumentFactsFinder.namesTheSubject("child's full name")).isTrue();
        assertThat(DocumentFactsFinder.namesTheSubject("name of young person")).isTrue();
        assertThat(DocumentFactsFinder.namesTheSubject("nominal (child)")).isTrue();
        assertThat(DocumentFactsFinder.namesTheSubject("parent's name")).isFalse();
        assertThat(DocumentFactsFinder.namesTheSubject("referrer name")).isFalse();
    }

    @Test
    void readsTheDatesAgenciesWrite() {
        assertThat(TextDates.first("DOB 28-Sep-2009", 2026)).contains(LocalDate.of(2009, 9, 28));
        assertThat(TextDates.first("seen 29th Aug 2008 at", 2026)).contains(LocalDate.of(2008, 8, 29));
        assertThat(TextDates.first("August 29, 2008", 2026)).contains(LocalDate.of(2008, 8, 29));
        assertThat(TextDates.first("29-08-2008", 2026)).contains(LocalDate.of(2008, 8, 29));
        assertThat(TextDates.first("29.8.08", 2026)).contains(LocalDate.of(2008, 8, 29));
        assertThat(TextDates.first("1.1.30", 2026)).contains(LocalDate.of(1930, 1, 1));
        assertThat(TextDates.first("31/02/2020", 2026)).isEmpty();
        assertThat(TextDates.findAll("tel 01234 567890", 2026)).isEmpty();
        assertThat(List.of(TextDates.first("2008-08-29", 2026).orElseThrow())).containsExactly(LocalDate.of(2008, 8, 29));
    }
}
