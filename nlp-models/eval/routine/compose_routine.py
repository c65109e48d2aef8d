#!/usr/bin/env python3
"""Composes routine agency sentences (no concern) for the classifier's negatives (issue #20, session 17, helper "stage4").

Written by hand for Tessera on 2026-12-07 11:55-12:25 UTC, before any word head of this session was run and without reading
the development corpora, the catalogue's queries or the generator's note fragments (the first ~50 lines of
note-fragments.txt, its police section, had been seen while finding which template family the county uses; no line was
copied). Voices are agencies' ordinary business: appointments kept, school reports, repairs, benefits, ordinary police
contacts, health checks, activities. Some sentences use words concerns also use, in a harmless sense (a cut finger from
cooking, a missing library book, absent with a cold).

Each voice's templates are split by position: every fourth template (index 3, 7, ...) is HELD OUT, and the voices in
HELD_OUT_VOICES are held out whole. The held-out sentences go to routine-heldout.jsonl (frozen: never trained on, never
used to choose a threshold; read only to report how often the heads fire on routine text), the others to
routine-negatives3.jsonl (negatives-only training items). Deterministic (seeded): running it again writes the same files.

    python3 nlp-models/eval/routine/compose_routine.py nlp-models/eval
"""
import json
import random
import sys
from pathlib import Path

SEED = 20261207
FILLS_TRAIN = 6
FILLS_HELD = 3
PAIRS_PER_TEMPLATE = 3
# how records open and close a line (the author's own); one may be put around a filled template
LEADS = ["", "", "", "", "{date} ", "{date}: ", "{time} - ", "Update: ", "Tel call: ", "Note: ", "Visit {date}. ", "{worker}: ",
         "Entry by {worker} - ", "{day} {time}. "]
TAILS = ["", "", "", "", " Nothing further.", " Letter to follow.", " Next review in {month}.", " Copy to file.", " Logged by {worker}.",
         " No further action needed.", " Family happy with this.", " Will update at next contact."]

SLOTS = {
    "child": ["Amelia", "Oscar", "Priya", "Jayden", "Zofia", "Callum", "Aisha", "Reuben", "Mia", "Tariq", "Ellie", "Kacper",
              "Grace", "Musa", "Lily-Mae", "Harvey", "Nia", "Dylan", "Ruby", "Ibrahim", "Freya", "Leon", "Hana", "Alfie"],
    "adult": ["Mum", "Dad", "Nan", "Grandad", "Ms Okafor", "Mr Hughes", "Mrs Patel", "Mr Nowak", "the carer", "Auntie Jo",
              "Mr Osei", "Mrs Doyle", "his stepdad", "her mum", "the foster carer", "Mr Rahman"],
    "he": ["he", "she"],
    "his": ["his", "her"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "month": ["January", "February", "March", "April", "May", "June", "September", "October", "November"],
    "date": ["3/10", "14 Feb", "21.06", "2nd March", "the 9th", "12/11/25", "28 Jan", "5 May", "17/09"],
    "time": ["9.15", "10:30", "11am", "2pm", "13:45", "3.30pm", "08:50", "16:00", "4.15"],
    "school": ["Meadowbank Primary", "St Anne's C of E", "Hollins Academy", "Riverside Juniors", "Castlegate High",
               "Oakfield Infants", "Brookside School", "Parkway College"],
    "town": ["Ashby", "Millbrook", "Kirkdale", "Felton", "Harbury", "Norwood", "Eastleigh Vale"],
    "street": ["Elm Grove", "Station Road", "Victoria Terrace", "Lark Close", "Mill Lane", "Beech Avenue", "Cromwell Street"],
    "n": ["2", "3", "4", "5", "6", "8", "12"],
    "pct": ["94", "96", "97", "98", "99", "100", "95.5"],
    "year": ["Year 3", "Year 5", "Year 7", "Year 9", "Year 10", "Reception", "Year 2", "Year 11"],
    "subject": ["maths", "English", "science", "history", "art", "PE", "French", "music", "computing", "geography"],
    "worker": ["Sam", "J. Carter", "Dee", "the duty officer", "KW", "Helen", "Mr Fraser", "AB", "Natalie"],
    "item": ["the boiler", "the kitchen tap", "the front door lock", "the bathroom extractor fan", "a cracked window",
             "the stair rail", "the shower seal", "the back gate", "the radiator in the small bedroom"],
    "club": ["football", "Brownies", "Scouts", "swimming", "drama club", "chess club", "gymnastics", "coding club", "choir"],
    "clinic": ["the asthma clinic", "orthodontics", "fracture clinic", "the eye clinic", "audiology", "the eczema clinic",
               "dermatology", "the allergy clinic"],
    "vacc": ["MMR", "pre-school booster", "flu nasal spray", "HPV", "teenage booster", "4-in-1 booster"],
    "benefit": ["Universal Credit", "Child Benefit", "Council Tax Reduction", "Carer's Allowance", "Disability Living Allowance",
                "free school meals"],
}

# voice -> (agency, templates). The templates are the author's own; slots in braces.
VOICES = {
    "GP practice": ("health", [
        "{child} seen for a routine review of {his} asthma, peak flow good, inhaler technique checked.",
        "Repeat prescription for emollient cream issued, next review in six months.",
        "{adult} brought {child} in with a sore throat, viral, fluids and paracetamol advised.",
        "Ear infection settling on amoxicillin, {child} back at school, no further follow up needed.",
        "Annual review completed, height and weight on the 50th centile, no concerns raised by {adult}.",
        "{child} attended with a rash after a new washing powder, advised to switch back and use emollient.",
        "Telephone consultation with {adult}: temperature down, eating and drinking normally, safety net advice given.",
        "Verruca on left foot, advised over the counter treatment and to keep wearing flip-flops at the pool.",
        "Letter from {clinic} filed, {child} discharged back to GP care.",
        "Sick note issued to {adult} for two weeks following knee surgery.",
        "{child} registered with the practice today, new patient check booked for {day}.",
        "Medication review: {adult} stable on current dose, blood pressure 124/78.",
        "Travel vaccinations discussed for the family holiday in {month}, nurse appointment booked.",
        "Seen with hay fever, antihistamine prescribed, to return if no better in a fortnight.",
    ]),
    "practice nurse": ("health", [
        "{vacc} given to {child} in the left arm, no reaction, next due at school age.",
        "{child} attended with {adult} for {his} {vacc}, tolerated well, red book updated.",
        "Dressing changed on {adult}'s leg wound, healing well, next change {day}.",
        "Blood test taken for routine thyroid monitoring, results to GP.",
        "Ear syringing declined, advised olive oil drops for two weeks and rebook.",
        "Spirometry performed, results within normal range, copy to GP.",
        "Smear test completed, results letter to follow in four weeks.",
        "Weight check at the baby clinic, gaining steadily along the 25th centile.",
    ]),
    "health visitor": ("health", [
        "Two-year review at home: {child} has around fifty words and is putting two together, ASQ scores all above cut-off.",
        "New birth visit completed, baby feeding well, {adult} confident with bathing and sterilising.",
        "{child} weighed at the clinic, gaining well, next weigh in {n} weeks.",
        "Discussed toilet training and weaning off the bottle at night, {adult} has started a sticker chart.",
        "Safe sleep advice reiterated, cot in parents' room, room thermometer in place.",
        "{child} is walking confidently and enjoys the toy kitchen, {adult} reading to {him} daily.",
        "Teething, advised cold teething ring and to book first dental check.",
        "Vitamin D drops discussed, family already using them.",
        "Home visit rearranged at {adult}'s request as {child} had a nursery settling-in session.",
        "Information given about the local stay and play group at the family hub on {day} mornings.",
        "One-year review: crawling, pulling to stand, babbling, good eye contact, immunisations up to date.",
        "{adult} asked about starting nursery, funded hours explained and leaflet left.",
    ]),
    "school nurse": ("health", [
        "{year} height and weight measured as part of the national programme, letters sent home.",
        "{child} seen in drop-in about hay fever, advised to speak to GP about a nasal spray.",
        "Hearing screen passed both ears.",
        "Vision screen in Reception: {child} referred to optician for a routine check, letter to parents.",
        "{vacc} session in the sports hall, {n} pupils absent, catch-up clinic booked for {day}.",
        "Care plan for {child}'s epilepsy reviewed with {adult}, rescue medication in date and kept in the office.",
        "{child} came to drop-in to ask about healthy eating for football training.",
        "Asthma inhaler in school checked, spacer labelled, in date until {month}.",
        "Talk to {year} on puberty delivered with the PSHE lead, questions box answered.",
    ]),
    "dentist": ("health", [
        "Check up: no decay, fissure sealants applied to first molars, recall in six months.",
        "{child} had one small filling on the lower left, coped very well with the numbing gel.",
        "Fluoride varnish applied, brushing twice a day with family toothpaste advised.",
        "Orthodontic referral made, {child} on the waiting list for assessment.",
        "Scale and polish for {adult}, gums healthy.",
        "Missed tooth found to be a baby tooth that came out at home, nothing further needed.",
        "{adult} rang to move {child}'s check up to the half term holiday.",
        "Wobbly tooth checked, will come out on its own, no treatment needed.",
    ]),
    "optician": ("health", [
        "Eye test: mild short sight, glasses prescribed, NHS voucher issued.",
        "{child} chose blue frames, collection due {day}.",
        "Glasses adjusted as they were slipping down, no charge.",
        "Follow up in twelve months, prescription unchanged.",
        "Lenses replaced after {child} sat on {his} glasses, covered by the repair scheme.",
    ]),
    "pharmacy": ("health", [
        "Prescription collected by {adult}, counselling on dosing given.",
        "Minor ailment: head lice treatment supplied with a detection comb and written advice.",
        "{adult} asked about children's paracetamol dosing for a nine year old, label explained.",
        "Flu vaccination given to {adult} in the consultation room.",
        "Out of stock of the liquid antibiotic, GP contacted, tablets prescribed instead.",
        "Blister packs set up for {adult}'s regular medicines, collected weekly.",
        "Emergency supply of inhaler made as surgery closed, GP informed.",
    ]),
    "hospital outpatients": ("health", [
        "Seen in {clinic}: progress as expected, discharged with open access for twelve months.",
        "X-ray shows the wrist fracture has healed, cast removed, gentle exercises given.",
        "Allergy test to peanut negative, can reintroduce at home as per the plan.",
        "{child} attended with {adult}, growth reviewed, next appointment in six months.",
        "Grommets checked, both in place, hearing normal today.",
        "Physiotherapy: {child} working on balance exercises, good progress since last block.",
        "Eczema much improved on the new regime, continue and review in three months.",
        "Appointment letter sent for {day} {date} at {time}, interpreter not required.",
        "Appointment rebooked by the hospital due to clinician leave, family informed by text.",
        "Day surgery for tonsillectomy went well, discharged home same evening with pain relief.",
    ]),
    "minor injuries": ("health", [
        "Cut to finger while chopping vegetables, cleaned and closed with steri-strips, tetanus up to date.",
        "Twisted ankle playing netball, X-ray not needed, rest, ice and support advised.",
        "{child} fell off a trampoline at a friend's party and bumped {his} elbow, full range of movement, no fracture.",
        "Small burn to the back of the hand from an oven tray, cooled at home, non-adherent dressing applied.",
        "Splinter removed from {child}'s palm, wound clean.",
        "Bee sting to the arm, mild swelling, antihistamine advised.",
        "Nose bleed after a sneeze, settled with pressure, advice given.",
        "Knocked {his} head on the climbing frame at school, no loss of consciousness, neuro obs normal, head injury advice given.",
        "Grazed knees from a fall off a bike, cleaned and dressed, {adult} present and appropriate.",
        "Jammed thumb in a car door, nail intact, buddy strapped.",
        "Sprained wrist from a fall on ice outside the shops, sling given.",
    ]),
    "audiology and therapy": ("health", [
        "Speech and language: {child} now using sounds k and g in words, discharged with home activities.",
        "Occupational therapy: pencil grip improving, writing slope provided for school.",
        "Hearing aids retubed, fit checked, batteries given.",
        "Dietitian review: eating a wider range of foods, weight stable, discharge planned.",
        "Wheelchair service: footplates adjusted for {child}'s growth.",
        "Orthotics: new insoles issued, review in a year.",
        "Speech therapy session held at school with the teaching assistant, targets updated.",
    ]),
    "ambulance": ("health", [
        "Called to {street} for an adult with chest pain, ECG normal, conveyed to A&E for observation.",
        "Elderly neighbour fell in the garden, no injuries, helped up and left with family.",
        "Child with a high temperature, settled with paracetamol, advised to see GP in the morning.",
        "Treated and discharged at scene: minor cut to forehead from a door frame, glued.",
        "Asthma attack responded to nebuliser, conveyed for assessment, {adult} travelled with {child}.",
    ]),
    "class teacher": ("education", [
        "{child} has settled well into {year} and has made good friendships.",
        "{child} is working at the expected standard in {subject} and reading at greater depth.",
        "Homework handed in on time every week this half term.",
        "{child} took part in the class assembly and read {his} lines clearly.",
        "{child} needs to practise times tables at home, {adult} given the login for the website.",
        "Parents' evening: discussed {child}'s progress in {subject}, {adult} pleased with the report.",
        "{child} won the star of the week for kindness to a new pupil.",
        "{child} was a bit tearful after losing a team game at playtime but was fine after a chat.",
        "Reading record signed most nights, book band moved up to turquoise.",
        "{child} forgot {his} PE kit twice this week, reminder sent home.",
        "{child} missed the spelling test as {he} was at the dentist, will sit it {day}.",
        "{child} has been chosen as class representative on the school council.",
        "Spring term report: effort good in all subjects, attainment in line with expectations.",
        "{child} brought in a model volcano for the science display.",
    ]),
    "attendance officer": ("education", [
        "Attendance this term {pct}%, no action needed.",
        "{child} absent {day} with a cold, {adult} phoned in at {time}, authorised.",
        "Two days absence for a family funeral, authorised by the head.",
        "Late once this half term due to a bus delay, registered at {time}.",
        "Certificate for 100% attendance awarded in assembly.",
        "Absent for a hospital appointment in the morning, returned after lunch.",
        "Attendance {pct}% for the year, letter of congratulation sent.",
        "Medical evidence received for {child}'s absence last week, marked authorised.",
        "Term-time holiday request for {month} declined in line with policy, {adult} accepted.",
        "First day calling: {adult} answered, {child} has a stomach bug, expected back {day}.",
    ]),
    "school office": ("education", [
        "School trip to the science museum on {day}: consent and payment received for {child}.",
        "Dinner money account in credit, no action.",
        "{adult} updated contact numbers and the doctor's details on the data sheet.",
        "Lost property: {child}'s coat returned after it was handed in at reception.",
        "Library book reported missing, found in {child}'s tray.",
        "Photo consent form returned signed.",
        "Uniform voucher issued through the school's own scheme.",
        "{child} collected early at {time} by {adult} for an orthodontist appointment, signed out at the office.",
        "After school {club} place confirmed for the summer term.",
        "Application for the breakfast club received, starting {day}.",
        "Transfer records for {child} received from the previous school, file set up.",
    ]),
    "SENCO": ("education", [
        "Annual review of the EHCP held with {adult}, outcomes updated, provision continues.",
        "{child} uses a visual timetable and a movement break after lunch, working well.",
        "Reading intervention completed, reading age up by eighteen months.",
        "Provision map updated: small group maths three times a week.",
        "Transition visits to the secondary school arranged for {month}.",
        "Access arrangements for exams agreed: extra time and a reader.",
        "Laptop provided for written work following the OT's advice.",
    ]),
    "secondary tutor": ("education", [
        "{child} is on track for {his} target grades in {subject} and {subject}.",
        "Work experience placement at a vet's surgery confirmed for {month}.",
        "{child} is revising well for mocks, attending the after-school {subject} sessions.",
        "Option choices submitted: {subject}, {subject} and triple science.",
        "{child} represented the school at the county cross country.",
        "Merits this term: {n}, behaviour points: none.",
        "College open evening attended with {adult}, interested in a plumbing course.",
        "Careers interview held, {child} considering an apprenticeship.",
        "Detention for talking in {subject}, served without issue.",
        "Duke of Edinburgh bronze expedition completed.",
    ]),
    "nursery key worker": ("education", [
        "{child} ate all {his} lunch and had a two hour nap.",
        "Lovely morning painting and playing in the sand tray, {child} was chatty with friends.",
        "Nappy changed at {time}, dry at the last check.",
        "{child} was a little unsettled at drop off but settled within five minutes with a story.",
        "Learning journal updated with photos of the nature walk.",
        "Two-year progress check shared with {adult}, all areas on track.",
        "{child} bumped {his} knee in the garden, cold compress applied, accident form signed by {adult}.",
        "Funded hours form completed for the spring term.",
        "{child} is starting to use the potty at nursery.",
        "Settling in session went well, {adult} stayed for the first half hour.",
    ]),
    "school transport": ("education", [
        "Bus pass renewed for the new academic year.",
        "Pick up moved to {time} from the end of {street} at the family's request.",
        "Escort reports {child} chatty and well behaved on the journey.",
        "Taxi late on {day} due to roadworks, school informed.",
        "Booster seat supplied for the new driver's vehicle.",
    ]),
    "neighbourhood police": ("police", [
        "PCSO {worker} attended the residents' meeting at the community centre, parking near the school discussed.",
        "Crime prevention advice given to residents of {street} following a spate of shed break-ins in the area.",
        "Bicycle handed in at the front counter returned to its owner after checking the frame number.",
        "Officers gave a talk on road safety to {year} at {school}.",
        "Lost purse reported at the station, logged on the lost property system.",
        "Minor road traffic collision on {street}, no injuries, details exchanged, cars recovered.",
        "Noise from a birthday party on {street}, occupants turned the music down when asked, no further action.",
        "Cat stuck in a tree, RSPCA advised, no police attendance required.",
        "Speed check on {street} outside the school, {n} drivers given advice.",
        "Officers attended the fun day in the park, children tried on helmets and sat in the police car.",
        "Report of a suspicious vehicle turned out to be a delivery driver, no further action.",
        "Found dog taken to the kennels, microchip owner contacted.",
        "Community messaging alert sent about doorstep traders in {town}.",
        "Caller reported fly-tipping behind the garages, passed to the council.",
        "Wallet found on the bus returned to its owner.",
    ]),
    "traffic and licensing": ("police", [
        "Vehicle stopped for a broken brake light, driver advised, vehicle rectification notice issued.",
        "Driver produced licence and insurance at the station within the seven days.",
        "Pedestrian crossing fault on {street} reported to the highways team.",
        "Taxi licence check completed, vehicle roadworthy.",
        "Abandoned car on {street} checked, taxed and insured, owner contacted to move it.",
    ]),
    "social work admin": ("social_care", [
        "Review meeting minutes circulated to all professionals on {date}.",
        "Room booked at the family centre for the meeting on {day} at {time}.",
        "Case transferred to the new worker {worker}, introductory letter sent to {adult}.",
        "Annual leave cover arranged, duty to hold the case until {day}.",
        "File closed following the end of the Early Help plan with all goals met.",
        "Consent form signed by {adult} for information sharing with the school and GP.",
        "Mileage and travel claim submitted for the home visit.",
        "Interpreter booked for the meeting, Polish speaking.",
        "Supervision held, case discussed, no changes to the plan.",
    ]),
    "family support worker": ("social_care", [
        "Home visit: the house was warm and tidy, {child} showed me {his} new bedroom which {adult} has decorated.",
        "Helped {adult} fill in the form for the school's holiday activity programme.",
        "{adult} has been attending the parenting course and says bedtimes are now much calmer.",
        "Took {child} and {adult} to the library to join, {child} chose three books.",
        "Budgeting session completed, {adult} has set up a savings jar for Christmas.",
        "{adult} has found part-time work at the supermarket and arranged after school childcare.",
        "Routine visit, {child} was playing with Lego and showed me what {he} had built.",
        "Family enjoyed the day trip to the seaside organised by the family hub.",
        "Closing summary: the family has met all goals, {adult} knows how to contact the hub if needed.",
        "Attended the school meeting with {adult} to talk about {child}'s transition to secondary.",
        "Food shopping planned together with a weekly menu, {adult} proud of sticking to budget.",
    ]),
    "foster carer log": ("social_care", [
        "{child} went to {club} after school and came home tired but happy.",
        "Had tea together, {child} helped make the pasta bake.",
        "{child} phoned {his} nan as arranged, lovely chat about the holidays.",
        "Contact with birth family went ahead as planned at the family centre, {child} enjoyed it.",
        "Took {child} to buy new school shoes, size up from last time.",
        "Quiet weekend, film night on Saturday and a walk to the park on Sunday.",
        "{child} had a friend round for a sleepover, all went well.",
        "Dentist check up this morning, all fine.",
        "{child} got a merit at school for {his} {subject} project and was very proud.",
        "Homework done before tea, then played on the Switch for an hour.",
        "Bedtime 8.30, read a chapter together, asleep by nine.",
        "Pocket money given, {child} saving up for a new game.",
    ]),
    "children in care review": ("social_care", [
        "Placement is stable and {child} says {he} is happy living with the carers.",
        "Health assessment up to date, immunisations complete, dental check in {month}.",
        "Personal education plan reviewed, {child} making expected progress.",
        "Life story work continuing with the social worker, {child} enjoys the sessions.",
        "{child} would like more time at {club}, carers to arrange.",
        "Independent reviewing officer visited {child} before the review, views recorded.",
        "Savings account opened in {child}'s name.",
    ]),
    "short breaks": ("social_care", [
        "{child} enjoyed the Saturday activity club, went bowling with the group.",
        "Overnight short break went well, slept through and ate breakfast.",
        "Direct payment review completed, hours unchanged.",
        "Holiday play scheme place confirmed for the summer.",
        "Carer's assessment for {adult} updated, respite hours agreed.",
    ]),
    "housing officer": ("housing", [
        "Repair reported for {item}, job raised, contractor to attend within 28 days.",
        "Gas safety check completed at the property, certificate issued.",
        "Tenancy sign-up completed, keys handed over, welcome pack given.",
        "Rent account up to date, no arrears.",
        "Estate inspection: communal areas clean, lift working.",
        "Damp and mould survey done, extractor fan fitted in the bathroom and wall treated.",
        "{adult} applied for a transfer to a three-bed as the family has grown, added to the housing register.",
        "Smoke alarms tested and working.",
        "Tenancy audit visit: household composition confirmed, property in good order.",
        "Garden fence replaced after storm damage.",
        "Contractor attended to fix {item}, job completed and signed off.",
        "Parking permit issued for the new car.",
        "Home swap application acknowledged.",
        "Bins collected late due to the bank holiday, residents informed.",
    ]),
    "repairs operative": ("housing", [
        "Replaced the washer on the kitchen tap, no further leak.",
        "Boiler serviced, pressure topped up, heating and hot water working.",
        "Fitted new lock to front door, two keys left with the tenant.",
        "Window restrictor fitted in the child's bedroom as requested.",
        "Unblocked the bath waste, advised hair catcher.",
        "Loose floorboard on the landing screwed down.",
        "No access at {time}, card left, tenant rang and rebooked for {day}.",
        "Electric meter cupboard door rehung.",
        "Mould wash completed in the back bedroom, anti-mould paint applied.",
    ]),
    "benefits and money advice": ("housing", [
        "{benefit} claim processed, first payment due on {date}.",
        "Change of circumstances reported as {adult} started a new job.",
        "Application for {benefit} submitted with supporting documents.",
        "Discretionary housing payment awarded for six months.",
        "Debt advice appointment: payment plan agreed with the energy company.",
        "Budgeting advance repaid in full.",
        "Jobcentre appointment attended, CV updated and two applications made.",
        "Council tax account set up for the new address with single person discount.",
        "Warm home discount applied to the electricity account.",
        "Free school meals eligibility confirmed, school informed.",
        "Help with the cost of school uniform given through the local grant.",
    ]),
    "youth service": ("social_care", [
        "{child} attended youth club, played pool and helped set up the tuck shop.",
        "Residential trip to the outdoor centre, {child} did the high ropes course.",
        "{child} completed the first aid course and got the certificate.",
        "Group planned the summer fun day and {child} designed the poster.",
        "Volunteering at the food bank on Saturdays counted towards {his} award.",
        "{child} signed up for the boxing club at the leisure centre.",
        "Football tournament against the neighbouring club, lost on penalties, good spirits.",
        "Mentor session: talked about college applications and part-time jobs.",
    ]),
    "library and leisure": ("education", [
        "Summer reading challenge completed, medal and certificate collected.",
        "Junior library card issued, two books borrowed.",
        "Swimming lessons: {child} moved up to stage 4 and can swim 25 metres.",
        "Lego club in the library on {day} afternoon, {child} attended with {adult}.",
        "Leisure card discount applied for the family.",
        "Homework club at the library used for {subject} coursework.",
    ]),
    "fire and rescue": ("police", [
        "Home safety visit: smoke alarms fitted on both floors and tested, escape plan discussed with the family.",
        "Fire station open day, children tried on the kit.",
        "Bonfire night safety talk delivered at {school}.",
        "False alarm from burnt toast, alarm reset, no further action.",
        "Advice given on charging e-bikes and phones overnight.",
    ]),
    "probation office": ("probation", [
        "Reception closed on {day} afternoon for staff training, appointments moved.",
        "Office moving to the new building on {street} from {month}, letters sent.",
        "Community payback group painted the church hall fence.",
        "Volunteer mentor scheme open for applications.",
        "Team meeting: new duty rota agreed.",
    ]),
    "early years setting": ("education", [
        "Stay and play session at the family hub, {n} families attended.",
        "Baby massage group: {adult} attended with {child}, enjoyed it.",
        "Rhyme time at the library every {day} at {time}.",
        "Toy library loan returned in good condition.",
        "Funded two-year-old place offered from {month}.",
    ]),
    "dental and health reception": ("health", [
        "Message for {adult}: appointment confirmed for {day} {date} at {time}.",
        "Patient rang to cancel, rebooked for next week.",
        "Text reminder sent for tomorrow's appointment.",
        "Registration form received, NHS number added.",
        "Change of address updated on the system.",
        "Prescription ready for collection from the front desk.",
    ]),
    "community midwife": ("health", [
        "Antenatal check at 28 weeks, blood pressure normal, baby moving well.",
        "Birth plan discussed, {adult} would like to use the birth pool.",
        "Postnatal day 5 visit: baby regained birth weight, feeding well, heel prick done.",
        "Mum recovering well after the birth, partner on paternity leave.",
        "Discharged to health visitor care at day 10.",
    ]),
    "childminder diary": ("education", [
        "Walked to the park, fed the ducks and played on the swings.",
        "{child} had beans on toast for lunch and a banana.",
        "Messy play with playdough this afternoon.",
        "Collected from school at {time}, snack and homework before {adult} arrived.",
        "Nap from one till half two.",
    ]),
    "court and admin letters": ("social_care", [
        "Letter sent to {adult} confirming the date of the family group conference.",
        "Minutes of the planning meeting shared with the family.",
        "Agreed that the next review will be held at the school in {month}.",
        "Professionals' contact list updated.",
    ]),
}

# Voices held out whole (never trained on): the held-out file tests voices the heads never saw as negatives.
HELD_OUT_VOICES = {"community midwife", "childminder diary", "court and admin letters", "fire and rescue", "early years setting",
                   "dental and health reception"}


def fill(template, rng):
    out = template
    he = rng.choice([0, 1])
    for slot, values in SLOTS.items():
        while "{" + slot + "}" in out:
            if slot == "he":
                value = "he" if he == 0 else "she"
            elif slot == "his":
                value = "his" if he == 0 else "her"
            else:
                value = rng.choice(values)
            out = out.replace("{" + slot + "}", value, 1)
    out = out.replace("{him}", "him" if he == 0 else "her")
    if "{" in out:
        raise ValueError("unfilled slot in " + template)
    return out[0].upper() + out[1:]


def decorated(template, rng):
    """A filled template, sometimes with a lead (date, time, author) and a closing remark around it."""
    lead, tail = rng.choice(LEADS), rng.choice(TAILS)
    text = fill(template, rng)
    if tail and not text.endswith("."):
        text += "."
    return (fill(lead, rng) if lead else "") + text + (fill(tail, rng)[0:] if tail else "")


def main(folder):
    rng = random.Random(SEED)
    train, held = [], []
    seen = set()
    for voice, (agency, templates) in VOICES.items():
        parts = {False: [], True: []}
        for t, template in enumerate(templates):
            held_out = voice in HELD_OUT_VOICES or t % 4 == 3
            parts[held_out].append(template)
            for _ in range(FILLS_HELD if held_out else FILLS_TRAIN):
                text = decorated(template, rng)
                if text not in seen:
                    seen.add(text)
                    (held if held_out else train).append((text, agency, voice))
        # two sentences of the same voice run together, as notes are written (each side of the split keeps its own templates)
        for held_out, own in parts.items():
            for _ in range(PAIRS_PER_TEMPLATE * len(own) if len(own) > 1 else 0):
                a, b = rng.sample(own, 2)
                text = decorated(a, rng) + " " + fill(b, rng)
                if text not in seen:
                    seen.add(text)
                    (held if held_out else train).append((text, agency, voice))
    write_rows(folder, "routine-negatives3.jsonl", train, "R3")
    write_rows(folder, "routine-heldout.jsonl", held, "RH")


def write_rows(folder, name, rows, prefix):
    """Writes (text, agency, voice) rows as concern-corpus items of no concern, ids PREFIX-0001..."""
    with open(Path(folder) / name, "w", encoding="utf-8") as f:
        for i, (text, agency, voice) in enumerate(rows, 1):
            f.write(json.dumps({"id": f"{prefix}-{i:04d}", "text": text, "concern": "none", "context": "affirmed",
                                "experiencer": "other", "agency": agency, "voice": voice}, ensure_ascii=False) + "\n")
    print(name, len(rows))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
