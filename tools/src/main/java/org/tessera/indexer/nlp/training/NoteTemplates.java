package org.tessera.indexer.nlp.training;

import java.util.List;

/**
 * Sentence templates in a practitioner's voice. Slots: {P} full name, {F} first name, {S}
 * surname (titles stay outside the slot, as they stay outside the gold span), {ADDR} address,
 * {STREET}, {TOWN}, {PC} postcode, {TEL}, {NHS}, {DATE} any date form, {MY} month and year,
 * {SCHOOL}, {GP}, {HOSP}, {AGENCY}, {ORG}.
 *
 * <p>The training and held-out families share no template and differ in wording on purpose.
 */
final class NoteTemplates {

    private NoteTemplates() {
    }

    static final List<String> TRAINING = List.of(
            "Home visit completed on {DATE} to {ADDR} {PC}.",
            "{P} was seen at home with her mother {P}.",
            "Spoke with {F} alone in her bedroom; she said she feels safe at home.",
            "Telephone call from Mrs {S} at {SCHOOL} on {DATE} reporting that {F} arrived hungry.",
            "Mum ({P}) reports that {F} has now been registered with {GP}.",
            "{F} attended {HOSP} on {DATE} with a cut to the forehead.",
            "Referral received from {AGENCY} regarding {P}, DOB {DATE}.",
            "Family have moved to {ADDR}, {PC}; the new landlord is {P}.",
            "{P} (maternal grandmother) lives in {TOWN} and offers support at weekends.",
            "Strategy discussion held on {DATE} with DS {S} from {AGENCY}.",
            "Contact number for dad is {TEL}.",
            "NHS number {NHS} confirmed with {GP}.",
            "{F} told her teacher Miss {S} that she did not want to go home.",
            "School nurse {P} visited {SCHOOL} to see {F} and {F}.",
            "Police attended {ADDR} at 23:40 on {DATE} following a call from a neighbour.",
            "{F}'s attendance at {SCHOOL} has dropped to 82% this term.",
            "Dad, {P}, was not present during the visit.",
            "Uncle {P} is staying at the property in {TOWN} until {DATE}.",
            "Appointment at the {HOSP} paediatric clinic was missed on {DATE}.",
            "Case discussed with {P} (team manager) and allocated to {P}.",
            "The family are known to {AGENCY} and were previously supported by {AGENCY}.",
            "{P} is now living with his partner {P} at {ADDR}.",
            "Health visitor {P} from {GP} raised concerns about weight gain.",
            "Siblings {F}, {F} and {F} were all present.",
            "The children were collected from {SCHOOL} by {F}'s aunt, {P}.",
            "Mum has been given the number for {AGENCY} ({TEL}).",
            "{F} said that {F} shouts at her when he has been drinking.",
            "Letter sent to {ADDR}, {TOWN} {PC} on {DATE}.",
            "Next review on {DATE} at {ORG}.",
            "Mr {S} explained that the family had been in {TOWN} since {MY}.",
            "Ms {S} from the housing team confirmed rent arrears.",
            "Visit with {P} (student social worker) to the family home.",
            "{F} is in Year 4 at {SCHOOL} and her class teacher is Mrs {S}.",
            "Information shared by {AGENCY} on {DATE}: {P} has an address in {TOWN}.",
            "Dr {S} at {GP} prescribed antidepressants for mum.",
            "Mum's new partner is believed to be {P}, aged 34, from {TOWN}.",
            "{P} (DOB {DATE}) was reported missing by {F}.",
            "The family were rehoused from {ADDR} to temporary accommodation in {TOWN}.",
            "Spoke to {F} on the phone; she was calm and engaged.",
            "{F} and {F} were playing in the garden when I arrived.",
            "Email from {P} at {AGENCY} received {DATE}.",
            "No answer at the door of {ADDR}; calling card left.",
            "GP surgery: {GP}, {ADDR}, {PC}, tel {TEL}.",
            "Dad said he is working in {TOWN} on a building site.",
            "CP conference chaired by {P} on {DATE} agreed a plan.",
            "{F} disclosed to {P} at {SCHOOL} that she had been hit.",
            "{P} confirmed that {F} has not been at {ORG} since {DATE}.",
            "Grandad {F} drove the children to {TOWN} for the weekend.",
            "SW {P} and PC {S} completed a joint visit.",
            "Mum is now engaging with {AGENCY} and sees her key worker {F} weekly.",
            "The baby was born at {HOSP} on {DATE}.",
            "{F} was described by staff at {ORG} as withdrawn.",
            "Dad gave his address as {ADDR}, {PC}.",
            "{P} rang {AGENCY} on {DATE} to report the incident.",
            "{F} presented as happy and chatty, and showed me her room.",
            "Mum and {F} have been arguing about bedtimes.",
            "Concerns were raised by {P}, the designated safeguarding lead at {SCHOOL}.",
            "Telephoned {F} twice without reply; voicemail left on {TEL}.",
            "{S} family are well known in the {TOWN} area.",
            "Checks with {AGENCY} show that {P} has previous convictions.",
            "Visited {F} and {F} at their grandmother's flat on {STREET}.",
            "{F}'s older brother {F} was also at home.",
            "Mr {S} and Mrs {S} attended the core group.",
            "Call received on {DATE} from {F}, who said she was worried about her sister.",
            "Both children are registered at {GP} under Dr {S}.",
            "{F} stayed overnight with a friend, {P}, in {TOWN}.",
            "Information from {ORG} indicates that {F} was collected late again.",
            "Update from {P}: the tenancy at {ADDR} ends on {DATE}.",
            "The incident happened outside {ORG} on {STREET}, {TOWN}.",
            "Manager {P} authorised the assessment on {DATE}.",
            "According to {F}, her stepdad {F} sleeps on the sofa.",
            "{P}, aged 17, is {F}'s boyfriend.",
            "Met with {F} at the McDonald's in {TOWN} as she did not want to be seen at school.",
            "{F} wants her dad {P} to come to the next meeting.",
            "Paternal grandparents, {P} and {P}, live at {ADDR}.",
            "Ambulance called to {ADDR} on {DATE}; {F} was taken to {HOSP}.",
            "Transport to {SCHOOL} is arranged by {AGENCY}.",
            "Today I saw {F} with her key worker {P}.",
            "Child's NHS number: {NHS}.",
            "{F} thinks that {F} is going to leave.",
            "Received a copy of the police report from PC {S} dated {DATE}.",
            "The referral was made by {P} (health visitor) following a visit on {DATE}.",
            "Visit postponed because {F} had a hospital appointment.",
            "New address: {ADDR}, {PC}.",
            "Spoke with Ms {S} and Mr {S} separately.",
            "When asked, {F} said {F} and {F} had been fighting.");

    static final List<String> TRAINING_FILLERS = List.of(
            "The Child Protection Plan remains in place.",
            "Early Help Assessment completed.",
            "Section 47 enquiries were considered.",
            "MASH decision: Level 3.",
            "Strengths and Difficulties Questionnaire to be repeated.",
            "Outcome: NFA.",
            "Home conditions were cluttered but adequate.",
            "Plan: SW to visit again next week.",
            "Signs of Safety mapping completed with the family.",
            "Christmas arrangements were discussed.",
            "Mum was tearful throughout.",
            "The Core Group will meet monthly.",
            "Bedrooms were seen and were adequate.",
            "Consent to share information was obtained.");

    /**
     * Capitalised words that open practitioner sentences without being names, so the model
     * does not learn that a capital at the start of a sentence means a person. Words that open
     * held-out templates are deliberately absent.
     */
    static final List<String> OPENING_WORDS = List.of(
            "Visit", "Discussed", "Agreed", "Plan", "Concerns", "Action", "Update", "Spoke",
            "Telephone", "Meeting", "School", "Home", "Health", "Review", "Noted", "Observed",
            "Bedroom", "Kitchen", "Appointment", "Letter", "Email", "Call", "Advice", "Support",
            "Travel", "Housing", "Money", "Food", "Clothing", "Court", "Legal", "Strategy",
            "Assessment", "Consent", "Risk", "Therapy", "Counselling", "Medication", "Weight",
            "Sleep", "Behaviour", "Progress", "Today", "Yesterday", "Later", "Afterwards",
            "Overall", "Currently", "Previously", "Checks", "Information", "Chronology",
            "Parenting", "Routine", "Finances", "Benefits", "Rent", "Debt", "Diet", "Hygiene",
            "Supervision", "Feedback", "Summary", "Analysis", "Recommendation", "Decision",
            "Management", "Escalation", "Nursery", "College", "Tenancy", "Landlord", "Partner",
            "Baby", "Toddler", "Sibling", "Grandparents", "Relatives", "Friends", "Neighbours",
            "Homework", "Bedtime", "Breakfast", "Uniform", "Lunch", "Dinner", "Weekend", "Holiday",
            "Church", "Mosque", "Football", "Swimming", "Cubs", "Brownies", "Youth", "Duty",
            "Allocation", "Closure", "Transition", "Placement", "Respite", "Direct");

    static final List<String> OPENING_PREDICATES = List.of(
            "was discussed with mum.", "remains a concern.", "has improved since the last visit.",
            "was not observed today.", "is to be reviewed at the next meeting.",
            "arrangements are in place.", "was raised by the family.", "needs further work.",
            ": see previous note.", "is going well according to the children.",
            "was agreed with both parents.", "has been difficult this week.",
            "was offered and accepted.", "will be followed up by the allocated worker.");

    /*
     * Pieces of training sentences composed at random around a name ("Spoke to {name}.",
     * "Midwife {name} was present."), so the model sees names in many contexts rather than a
     * few fixed ones. Role words used by held-out templates (neighbour, worker, aunt, officer)
     * are deliberately absent.
     */
    static final List<String> BEFORE_NAME = List.of(
            "Spoke to", "Emailed", "Called", "Phoned", "Wrote to", "Visited", "Advice was given to",
            "Consent was given by", "The chronology was shared with", "Safety planning completed with",
            "Met", "Saw", "Agreed the plan with", "Reminded", "Supported", "Texted",
            "Left a voicemail for", "Arranged a visit with", "Apologised to", "Thanked", "Checked in with",
            "Discussed the concerns with", "Reviewed the plan with", "Had a long conversation with",
            "Gave a lift to", "Completed the assessment with", "Explained the process to",
            "A letter was sent to", "Direct work was done with", "The decision was explained to");

    static final List<String> ROLES = List.of(
            "Nurse", "Teacher", "Grandmother", "Cousin", "Landlady", "Advocate", "Mentor", "Coach",
            "Childminder", "Support worker", "Family support worker", "Key worker", "Student", "Tenant",
            "Lodger", "Friend", "Carer", "Foster carer", "Stepmum", "Partner", "Paramedic", "Midwife",
            "Youth worker", "Sergeant", "Detective", "Head teacher", "Manager", "Practitioner",
            "Therapist", "Counsellor", "Grandad", "Brother", "Sister", "Paternal grandmother",
            "Social worker", "Interpreter", "Chaplain", "Housing officer's colleague", "Mum's friend");

    static final List<String> AFTER_NAME = List.of(
            "said that she was coping.", "reported no change.", "called the office.", "was present.",
            "arrived late.", "agreed to the plan.", "refused to engage.", "was not at home.",
            "has moved out.", "told me about the argument.", "is pregnant.", "stayed for the whole visit.",
            "confirmed the details.", "asked for support.", "was upset.", "went to the shop.",
            "will attend the meeting.", "has been drinking again.", "left before I arrived.",
            "was helpful.", "did not answer the door.", "is staying with friends.", "sent an email.",
            "had already left for work.", "was asleep upstairs.", "shouted from the kitchen.",
            "wants to be involved.", "has a new job.", "rang back later that day.", "cried during the visit.");

    static final List<String> BEFORE_ORG = List.of(
            "Called", "Emailed the office at", "Attended a meeting at", "Dropped leaflets at", "Checked with",
            "Received a report from", "Made a referral to", "Liaised with", "Shared the plan with",
            "Chased a response from", "Mum has asked for help from", "Dad is on the waiting list at",
            "The children go to", "The baby is seen at", "A place was offered at", "Information requested from");

    static final List<String> AFTER_ORG = List.of(
            "confirmed the appointment.", "have no record of the family.", "will send a report.",
            "closed the case last month.", "did not reply.", "raised a concern.", "offered a place.",
            "requested an update.", "are aware of the plan.", "have been very supportive.",
            "declined the referral.", "will attend the core group.");

    static final List<String> PLACE_SENTENCES = List.of(
            "Mum is staying at {ADDR}.", "They moved to {TOWN} last month.", "The visit took place at {ADDR}.",
            "Dad was seen in {TOWN} town centre.", "The flat in {TOWN} is damp.",
            "Grandparents live at {ADDR}, {TOWN}.", "The family want to move back to {TOWN}.",
            "Dad works in {TOWN} and stays at {ADDR} in the week.", "The incident was near {STREET}.",
            "Mum walks the children to school along {STREET}.", "Officers went to {ADDR} at midnight.",
            "The house on {STREET} has been boarded up.",
            "Mum took the children to {TOWN} for the day.", "Dad travelled up from {TOWN} by train.",
            "The family spent the summer in {TOWN}.", "Callum was stopped by police in {TOWN} after midnight.",
            "Mum grew up in {TOWN} and has friends there.", "The nearest food bank is in {TOWN}.",
            "Dad is thought to be sofa surfing around {TOWN}.", "The children's father has relocated to {TOWN}.",
            "School transport runs from {TOWN} each morning.", "A second visit took place at {ADDR} later that day.",
            "The emergency placement is in {TOWN}.", "She was seen at a party in {TOWN} on {DATE}.");

    static final List<String> HELD_OUT = List.of(
            "Unannounced visit to {ADDR} ({PC}) on {DATE}; {P} answered the door.",
            "I met {F} in the pastoral office at {SCHOOL} with Mr {S}.",
            "{P} phoned the duty line from {TEL} asking for help with housing.",
            "Discharge letter from {HOSP} dated {DATE} notes that {F} was admitted overnight.",
            "According to {P}, the children stayed with their grandparents in {TOWN} over half term.",
            "{AGENCY} have closed the case as of {DATE}.",
            "Present at the meeting: {P} (mother), {P} (stepfather), Mrs {S} (DSL) and {P} (IDVA).",
            "{F} was quiet and would not make eye contact with {F}.",
            "The address held by {GP} is {ADDR}, {PC}.",
            "Neighbour {P} told police she heard screaming from next door.",
            "Birth registered on {DATE}; NHS no. {NHS}.",
            "Worker {P} will complete direct work with {F} at {ORG}.",
            "{F} moved from {SCHOOL} to {SCHOOL} in {MY}.",
            "Liaised with Dr {S} who has known the family since {MY}.",
            "Mum explained that {P} is {F}'s biological father and lives in {TOWN}.",
            "Bus fare to {TOWN} was given so that {F} could attend the appointment at {HOSP}.",
            "{P}, the landlord, has served notice on the flat at {ADDR}.",
            "During the visit {F} showed me her drawings.",
            "On {DATE}, {F} was found by officers from {AGENCY} near the station in {TOWN}.",
            "Referral passed to {AGENCY} with consent from {P}.",
            "Contact details: {P}, {ADDR}, {PC}, mobile {TEL}.",
            "{F} says she wants to live with her nan, {P}.",
            "Attendance officer {P} confirmed {F} has missed 14 sessions.",
            "Outcome of the review on {DATE}: the plan continues.",
            "Maternal aunt {P} has agreed to supervise contact at her home in {TOWN}.",
            "Mrs {S} is worried because {F} has lost weight.",
            "The family were last seen by {AGENCY} in {TOWN}.",
            "Safety plan agreed with {F} and shared with {SCHOOL}.",
            "Message left for {P} at {ORG}; awaiting call back.",
            "Dad's solicitor, {P}, wrote on {DATE}.",
            "I observed {F} feeding the baby while {F} watched television.",
            "{P} lives at {ADDR} with her two children.",
            "Police log shows {P} was arrested in {TOWN} on {DATE}.",
            "The health visitor from {GP} saw {F} on {DATE} and weighed her.",
            "Joint visit with {P} from {AGENCY} to the new address in {TOWN}.",
            "{F} explained that {F} had taken her phone away.",
            "Asked {F} who lives at home and she named {F}, {F} and her mum.",
            "Text message received from {F} at 21:15 saying she was scared.",
            "Transfer-in conference arranged for {DATE} after the move from {TOWN}.");

    static final List<String> HELD_OUT_FILLERS = List.of(
            "The Team Around the Family met again.",
            "Graded Care Profile completed with mum.",
            "Child in Need review scheduled.",
            "MARAC referral considered by the Duty Manager.",
            "Easter holidays were difficult for the family.",
            "Family Group Conference offered and declined.",
            "Bedroom observed: clean bedding, toys present.",
            "No further information at this stage.");
}
