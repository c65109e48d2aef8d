"""One-off generator that wrote the first version of mappings/indicators/*.yaml from a compact
spec (see shared research indicators.csv). The YAML files are the source of truth afterwards."""
import yaml, os, sys

OUT = sys.argv[1]

NEG_WORDS = {"no", "not", "never", "without"}
def ph(*phrases, slop=1):
    # A sloppy phrase may reorder its words: "no food in the fridge" with slop 2 matches
    # "food in the fridge and no dog". Phrases carrying a negation word are therefore exact.
    def one(p):
        s = 0 if NEG_WORDS & set(p.split()) else slop
        return {"match_phrase": {"text": {"query": p, "slop": s}}} if s else {"match_phrase": {"text": p}}
    return [one(p) for p in phrases]
def text(*phrases, slop=1):
    qs = ph(*phrases, slop=slop)
    return qs[0] if len(qs) == 1 else {"bool": {"should": qs, "minimum_should_match": 1}}
PARENT_WORDS = ["mum", "mother", "dad", "father", "stepdad", "stepfather", "stepmum", "partner", "parent", "parents", "carer", "boyfriend"]
def parent_near(words, slop=4):
    """A parent word shortly before one of words: 'mum was drunk', 'dad admits using heroin'."""
    return {"span_near": {"clauses": [{"span_or": {"clauses": [{"span_term": {"text": w}} for w in PARENT_WORDS]}},
                                      {"span_or": {"clauses": [{"span_term": {"text": w}} for w in words]}}], "slop": slop, "in_order": True}}
def near(a, b, slop=4, in_order=False):
    return {"span_near": {"clauses": [{"span_term": {"text": a}}, {"span_term": {"text": b}}], "slop": slop, "in_order": in_order}}
def term(f, v): return {"term": {f: v}}
def terms(f, *v): return {"terms": {f: list(v)}}
def rng(f, **kw): return {"range": {f: kw}}
def anyq(*qs): return {"bool": {"should": list(qs), "minimum_should_match": 1}}
def allq(*qs, filters=()):
    b = {}
    if qs: b["must"] = list(qs)
    if filters: b["filter"] = list(filters)
    return {"bool": b}
def flt(q, *filters): return {"bool": {"must": [q], "filter": list(filters)}}

CHILD = rng("subject_age", lt=18)
SEV_W = {"low": 1.0, "medium": 2.5, "high": 5.0}
SEV_HL = {"low": 90, "medium": 180, "high": 365}

files = {}
def ind(file, id, title, sev, agencies, desc, query=None, pos=(), neg=(), negated=(), applies="child", hl=None, note=None, rule=None, rule_pos=(), rule_neg=(), weight=None, enabled=True):
    d = {"id": id, "title": title, "description": desc, "severity": sev, "weight": weight if weight is not None else SEV_W[sev],
         "half_life_days": hl or SEV_HL[sev], "applies_to": applies, "agencies": list(agencies), "version": 1, "enabled": enabled}
    if note: d["note"] = note
    if query is not None:
        d["query"] = query
        ex = {"positive": [p if isinstance(p, dict) else {"text": p} for p in pos],
              "negative": [n if isinstance(n, dict) else {"text": n} for n in neg] +
                          [dict((n if isinstance(n, dict) else {"text": n}), negated=True) for n in negated]}
    else:
        d["rule"] = rule
        ex = {"positive": list(rule_pos), "negative": list(rule_neg)}
    d["examples"] = ex
    files.setdefault(file, []).append(d)

def tl(*entries):
    return {"timeline": [{"day": e[0], "indicators": list(e[1:])} if not isinstance(e[-1], dict) else {"day": e[0], "indicators": list(e[1:-1]), "values": e[-1]} for e in entries]}

G = {"parental": "Parental and household factors (toxic trio and related)", "neglect": "Neglect", "physical": "Physical abuse",
     "sexual": "Sexual abuse", "emotional": "Emotional abuse and the child's mental health", "exploitation": "Exploitation and missing",
     "education": "Education", "health": "Health (acute, maternity, primary care)", "housing": "Housing",
     "criminal-justice": "Criminal justice and probation", "online": "Online harms and radicalisation",
     "social-care": "Social care history and other vulnerabilities", "composite": "Temporal and composite rules"}

HA = "household_adult"
# ---------------- parental
f = "parental"
ind(f, "PAR01", "Domestic abuse incident with a child present", "medium", ["police"],
    "Police attended a domestic abuse incident and a child lived there, was present or witnessed it.",
    anyq(term("codes.category", "domestic"), terms("record_type", "domestic_incident"),
         text("domestic abuse incident", "domestic incident", "children witnessed", "child witnessed", "child was present", "heard shouting", "witnessed the assault", "witnessed the argument", slop=2)),
    pos=[{"agency": "police", "record_type": "incident", "codes": {"category": "DOMESTIC"}},
         "Officers attended a domestic incident at the address; the children were upstairs.",
         "The child witnessed the assault on her mother and was very upset."],
    neg=["Officers attended a report of a stolen bicycle; no injuries.", {"agency": "police", "record_type": "incident", "codes": {"category": "theft"}}],
    negated=["Mum denies any domestic incident at the address."])
ind(f, "PAR02", "High-risk domestic abuse (DASH high or MARAC case)", "high", ["police", "other"],
    "A DASH risk assessment scored high (14 or more yes answers) or the victim in the household is heard at MARAC.",
    anyq(term("codes.dash_level", "high"), rng("codes.dash_score", gte=14), terms("codes.marac", "y", "yes", "true"),
         text("referred to marac", "marac case", "high risk dash", "heard at marac", slop=1)),
    pos=[{"agency": "police", "codes": {"dash_level": "HIGH"}}, {"agency": "police", "codes": {"dash_score": 16}},
         "Case referred to MARAC following the incident on Friday."],
    neg=[{"agency": "police", "codes": {"dash_level": "standard", "dash_score": 4}}, "IDVA support offered by phone."],
    negated=["Not referred to MARAC as the risk was assessed as standard."],
    note="The CSV listed 'IDVA' as a phrase; IDVA support is also offered at medium risk, so it is not evidence of high risk on its own.")
ind(f, "PAR03", "Medium-risk domestic abuse (DASH medium)", "medium", ["police"],
    "A DASH risk assessment scored medium (10 to 13 yes answers).",
    anyq(term("codes.dash_level", "medium"), rng("codes.dash_score", gte=10, lt=14), text("medium risk dash", "dash medium risk", slop=1)),
    pos=[{"agency": "police", "codes": {"dash_level": "Medium"}}, {"agency": "police", "codes": {"dash_score": 11}}],
    neg=[{"agency": "police", "codes": {"dash_score": 6}}, {"agency": "police", "codes": {"dash_level": "high"}}])
ind(f, "PAR05", "Non-fatal strangulation or choking", "high", ["police", "health"],
    "Strangulation, choking or suffocation of an adult victim or a child is described.",
    anyq(text("strangled", "strangling", "strangulation", "choked her", "choked him", "choking her", "tried to suffocate", "suffocated", slop=1),
         {"span_near": {"clauses": [{"span_term": {"text": "hand"}}, {"span_term": {"text": "around"}}, {"span_term": {"text": "neck"}}], "slop": 3, "in_order": True}}),
    pos=["She said he strangled her until she could not breathe.", "He put his hands around her neck during the argument."],
    neg=["Child choked on a grape at nursery and was fine after back blows.", "Wearing a scarf around her neck against the cold."],
    negated=["Victim denies that he strangled her."],
    note="The CSV phrase 'choke*' also catches a child choking on food; only choking of a person by someone (choked her/him) is kept.")
ind(f, "PAR06", "Threats to kill", "high", ["police"],
    "A threat to kill the victim, the children or himself/herself in front of them is recorded.",
    text("threatened to kill", "threats to kill", "going to kill you", "kill the kids", "kill the children", slop=2),
    pos=["Partner threatened to kill her and the children if she left.", "He shouted that he was going to kill you all."],
    neg=["The boy said the computer game was killing him with boredom.", "Pest control attended to kill the mice in the kitchen."],
    negated=["There were no threats to kill made during the incident."])
ind(f, "PAR07", "Coercive control, stalking or harassment", "medium", ["police", "other"],
    "Controlling or coercive behaviour, stalking or harassment of a parent or carer.",
    anyq(terms("codes.offence", "coercive control", "stalking", "harassment", "s76"),
         text("coercive control", "controlling behaviour", "controlling and coercive", "tracks her phone", "tracks his phone", "won't let her out", "stalking her", "stalking him", "monitors her phone", slop=2)),
    pos=["Mum describes controlling behaviour: he checks her bank card and tracks her phone.", {"agency": "police", "codes": {"offence": "Stalking"}}],
    neg=["The school has a policy on behaviour and rewards.", "She uses her phone to track her running times."])
ind(f, "PAR08", "Domestic abuse in pregnancy or with a baby", "high", ["health", "police"],
    "Domestic abuse while the mother is pregnant, or where the youngest child is under one.",
    anyq(allq(anyq(term("codes.category", "domestic"), term("record_type", "domestic_incident")), filters=[rng("youngest_child_age", lt=1)]),
         text("kicked her stomach", "punched her stomach", "assaulted while pregnant", "hit her while pregnant", "domestic abuse during pregnancy", slop=2)),
    pos=[{"agency": "police", "codes": {"category": "domestic"}, "youngest_child_age": 0.4},
         "She disclosed that he punched her in the stomach while she was pregnant.", "Midwife notes domestic abuse during pregnancy."],
    neg=[{"agency": "police", "codes": {"category": "domestic"}, "youngest_child_age": 7}, "Pregnant mum attended antenatal booking with her partner."])
ind(f, "PAR09", "Breach of a protective order or bail conditions", "medium", ["police"],
    "A non-molestation order, restraining order, injunction or bail condition protecting the family was breached.",
    anyq(terms("codes.offence", "breach of non-molestation order", "breach of restraining order", "breach of bail"),
         text("breach of non molestation order", "breached the non molestation order", "breach of bail conditions", "breached his bail", "breached her bail", "breach of restraining order", "breached the injunction", slop=2)),
    pos=["He breached his bail conditions by attending the family home.", "Arrested for breach of the non-molestation order."],
    neg=["Data breach at the school office, parents informed.", "Planning permission for the extension was granted."])
ind(f, "PAR10", "Parental mental ill-health", "medium", ["social_care", "health", "police"],
    "A parent or carer has a mental-health condition affecting their care (assessment factor 4B).",
    anyq(term("codes.assessment_factors", "4b"),
         text("psychosis", "psychotic episode", "bipolar disorder", "schizophrenia", "crisis team", "mum's mental health", "dad's mental health", "mother's mental health", "father's mental health", "severe depression", "suicidal thoughts", slop=1)),
    pos=["Mum has bipolar disorder and has stopped taking her medication.", "Home treatment from the crisis team for dad this week.", {"agency": "social_care", "codes": {"assessment_factors": ["4B", "1B"]}}],
    neg=["The psychology assistant visited the school for training.", "Mental health awareness week assembly held."],
    negated=["No history of psychosis reported by either parent."], applies=HA)
ind(f, "PAR11", "Parent detained under the Mental Health Act", "high", ["police", "health"],
    "A parent or carer was detained under section 136, 2 or 3 of the Mental Health Act or admitted in crisis.",
    anyq(terms("record_type", "s136_detention", "mha_detention"),
         anyq({"match_phrase": {"text.exact": "sectioned"}}), text("section 136", "s136", "detained under the mental health act", "section 2 of the mental health act", "section 3 of the mental health act", slop=1)),
    pos=["Father was detained under section 136 after being found on the bridge.", "Mum was sectioned last night and the children are with grandma."],
    neg=["See section 4 of the report for background.", "Section 20 accommodation was discussed and declined."], applies=HA,
    note="'sectioned' stems to 'section' (so 'section 20' would match); it is matched on text.exact.")
ind(f, "PAR12", "Parental overdose, suicide attempt or threat", "high", ["health", "police"],
    "A parent or carer took an overdose, attempted suicide or threatened to take their own life.",
    flt(text("took an overdose", "taken an overdose", "suicide attempt", "attempted suicide", "threatened suicide", "threatened to take her own life", "threatened to take his own life", "cut her wrists", "cut his wrists", slop=2), rng("subject_age", gte=18)),
    pos=[{"text": "Mum took an overdose of paracetamol and was taken to A&E.", "subject_age": 31}, {"text": "Father threatened to take his own life during the call.", "subject_age": 40}],
    neg=[{"text": "Mum took an overdose of paracetamol.", "subject_age": 15}, {"text": "Parent attended the overdose awareness session.", "subject_age": 35}],
    applies=HA, note="Restricted to adult subjects; the same words about a child are EMO02/EMO03.")
ind(f, "PAR13", "Perinatal mental illness", "medium", ["health"],
    "Postnatal depression or another perinatal mental-health problem, or a mother not bonding with her baby.",
    text("postnatal depression", "post natal depression", "perinatal mental health", "not bonding with the baby", "struggling to bond", "postpartum psychosis", slop=1),
    pos=["Health visitor concerned about postnatal depression; mum tearful throughout.", "Referred to the perinatal mental health team."],
    neg=["Postnatal check completed, baby feeding well.", "Mum and baby bonding well, lots of eye contact."], applies=HA)
ind(f, "PAR14", "Parental alcohol misuse", "medium", ["social_care", "police", "health"],
    "A parent or carer misuses alcohol (assessment factor 1B) or was drunk while caring.",
    anyq(term("codes.assessment_factors", "1b"),
         flt(text("drunk", "intoxicated", "smelt of alcohol", "smelled of alcohol", "alcoholic", "binge drinking", "alcohol misuse", "under the influence of alcohol", slop=1), rng("subject_age", gte=18)),
         parent_near(["drunk", "intoxicated", "alcoholic", "smelt", "smelled", "alcohol"])),
    pos=[{"text": "Mum was drunk when officers arrived and could not stand.", "subject_age": 29}, {"codes": {"assessment_factors": "1B"}},
         {"agency": "education", "text": "At collection mum was drunk and staff called dad.", "subject_age": 7}],
    neg=[{"text": "Dad drinks socially at weekends, within guidelines.", "subject_age": 35}, {"text": "Drunk driver on the bypass; no connection to the family.", "subject_age": 15}],
    negated=[{"text": "Dad was not intoxicated and engaged well.", "subject_age": 40}], applies=HA,
    note="Parental words near the alcohol words catch the common case of a child's own record describing the parent ('mum was drunk at collection').")
ind(f, "PAR15", "Parental drug misuse", "medium", ["social_care", "police", "health"],
    "A parent or carer misuses drugs (assessment factor 2B): heroin, crack, cocaine, needles or paraphernalia in the home.",
    anyq(term("codes.assessment_factors", "2b"),
         flt(text("heroin", "crack cocaine", "cocaine", "cannabis use", "smoking cannabis", "needles", "drug paraphernalia", "drug use", "using drugs", "methadone script", slop=1), rng("subject_age", gte=18)),
         parent_near(["heroin", "crack", "cocaine", "cannabis", "drugs", "needles", "paraphernalia", "methadone"])),
    pos=[{"text": "Needles and foil found in the kitchen within reach of the children.", "subject_age": 33}, {"text": "Dad admits using drugs most evenings.", "subject_age": 27},
         {"agency": "education", "text": "He told his teacher that dad smokes cannabis in the car.", "subject_age": 9}],
    neg=[{"text": "Mum collects a prescription for asthma inhalers.", "subject_age": 30}, {"text": "Officers gave a talk on drug use to year 10.", "subject_age": 14}],
    negated=[{"text": "Mum denies any drug use and tested negative.", "subject_age": 30}], applies=HA)
ind(f, "PAR16", "Intoxicated sole carer of a young child", "high", ["police", "health"],
    "A parent or carer was too intoxicated to care while alone with a child under five.",
    flt(text("passed out", "too drunk to care", "too intoxicated to care", "unconscious on the sofa", "under the influence with the baby", slop=2), rng("youngest_child_age", lt=5)),
    pos=[{"text": "Mum passed out on the sofa with the toddler awake beside her.", "youngest_child_age": 2}],
    neg=[{"text": "Mum passed out on the sofa.", "youngest_child_age": 12}, {"text": "Toddler asleep in cot, mum watching television.", "youngest_child_age": 2}], applies=HA)
ind(f, "PAR18", "Parental learning disability", "low", ["social_care", "health"],
    "A parent or carer has a learning disability affecting care (assessment factor 5B).",
    anyq(term("codes.assessment_factors", "5b"), text("mum has a learning disability", "dad has a learning disability", "parent has a learning disability", "mother has learning difficulties", "father has learning difficulties", slop=2)),
    pos=["Mum has a learning disability and needs visual prompts for feeds."],
    neg=["The child has a learning plan at school.", "Dad has a bad back and cannot lift."], applies=HA)
ind(f, "PAR19", "New or unknown adult male in the household", "medium", ["police", "social_care", "health", "education"],
    "A new partner, a boyfriend staying or an unknown man is around the children ('hidden men').",
    text("new partner", "boyfriend staying", "boyfriend is staying", "unknown male", "unknown man", "mum's friend staying", "man staying at the house", slop=2),
    pos=["Mum's new partner has moved in; his details are not known.", "An unknown male answered the door and refused to give his name."],
    neg=["Dad and his partner of ten years attended the meeting.", "The new school building opened in September."])
ind(f, "PAR20", "Previous child removed or sibling in care proceedings", "high", ["social_care", "other"],
    "A parent has had a child removed, or a sibling is or was subject to care proceedings or a placement order.",
    text("previous removal", "previously removed", "siblings in care", "sibling in care", "placement order", "care proceedings", "children were removed", slop=2),
    pos=["Mum's two older children were removed in 2021 under a placement order.", "Siblings in care with the local authority since 2022."],
    neg=["Care plan for the grandparent's dementia reviewed.", "The child was removed from the swimming class for messing about."], hl=1095)
ind(f, "PAR21", "Child or sibling previously on a child protection plan", "medium", ["social_care"],
    "The child or a sibling has had a child protection plan before.",
    anyq(rng("codes.previous_cp_plans", gte=1), text("previous child protection plan", "previously on a child protection plan", "second child protection plan", "second cp plan", slop=2)),
    pos=[{"codes": {"previous_cp_plans": 1}}, "This is the second child protection plan for the family."],
    neg=[{"codes": {"previous_cp_plans": 0}}, "Child protection training booked for staff."], hl=730)
ind(f, "PAR22", "Non-engagement or disguised compliance", "medium", ["social_care", "health"],
    "Professionals could not gain access or the family refuses, avoids or only appears to engage.",
    text("no access", "refused entry", "refused access", "not at home for the visit", "not at home for the planned visit", "disguised compliance", "no reply at the door", "did not engage", slop=2),
    pos=["Third no access visit; curtains drawn and no reply.", "Dad refused entry to the social worker."],
    neg=["Good access to the garden for play.", "Family engaged well and the visit went as planned."])
ind(f, "PAR23", "Acrimonious separation or contact dispute", "low", ["police", "other"],
    "Parents in a hostile separation, contact dispute or arguments at handover.",
    text("contact dispute", "argument at handover", "handover argument", "custody dispute", "private law proceedings", slop=2),
    pos=["Police called to an argument at handover outside McDonald's.", "Ongoing contact dispute in private law proceedings."],
    neg=["Contact details updated on the system.", "Handover between nursery staff at shift change."],
    note="The CSV phrase 'separation' alone is too common in notes; only hostility around separation is kept.")
ind(f, "PAR24", "Parent's own adverse childhood", "low", ["social_care"],
    "A parent was in care or abused as a child.",
    text("mum was in care", "dad was in care", "mother was in care", "father was in care", "care leaver", "was abused as a child", slop=2),
    pos=["Mum was in care herself from age 9 and is a care leaver."],
    neg=["Mum takes great care of the children's clothes.", "Childcare arranged with grandma."], applies=HA)
ind(f, "PAR25", "Young parent under 18", "low", ["health", "social_care"],
    "The mother or father is under 18.",
    text("teenage mum", "teenage mother", "young parent", "teenage parent", slop=1),
    pos=["Referred to the young parent support group; mum is 16."],
    neg=["Parent evening for year 7 took place.", "Young people's football club on Tuesdays."])

# ---------------- neglect
f = "neglect"
ind(f, "NEG01", "Neglect category or assessment factor", "high", ["social_care"],
    "The child is on a plan under the neglect category or neglect (16A) was a factor at assessment.",
    anyq(term("codes.cp_category", "neglect"), term("codes.cp_category", "neg"), term("codes.assessment_factors", "16a"), text("child protection plan under neglect", "category of neglect", slop=2)),
    pos=[{"agency": "social_care", "record_type": "cp_plan", "codes": {"cp_category": "NEG"}}, {"codes": {"assessment_factors": ["16A"]}}],
    neg=[{"codes": {"cp_category": "EMO"}}, {"codes": {"assessment_factors": ["7A"]}}], hl=730)
ind(f, "NEG02", "Poor home conditions", "medium", ["police", "social_care", "health", "housing"],
    "The home is dirty, unsafe or without basics: no food, no heating, no bed, faeces, hoarding.",
    text("home conditions were poor", "poor home conditions", "filthy", "dog faeces", "no food in the house", "no food in the fridge", "hoarding", "no heating", "no bed", "rubbish piled", "smell of urine", slop=2),
    pos=["Home conditions were poor: dog faeces on the floor and no food in the fridge.", "The children have no bed and sleep on a mattress covered in rubbish."],
    neg=["Home was clean and tidy, food in the cupboards.", "Family dog is well cared for."],
    negated=["No concerns about home conditions; there was food in the fridge and no dog faeces."])
ind(f, "NEG03", "Child persistently dirty or inadequately clothed", "low", ["education", "health"],
    "The child is smelly, unkempt, in the same clothes for days, with untreated head lice or no coat in winter.",
    text("smelly", "smells of urine", "unkempt", "same clothes", "head lice", "no coat", "unwashed", slop=2),
    pos=["Child came in the same clothes all week and smelling of urine.", "Persistent head lice untreated; no coat in January."],
    neg=["Child wore a lovely new coat today.", "Non-uniform day, all pupils in their own clothes."])
ind(f, "NEG04", "Hunger or scavenging for food", "medium", ["education", "police"],
    "The child arrives hungry, has no lunch, steals or scavenges food.",
    text("hungry", "stealing food", "no lunch", "food from the bins", "scavenging for food", "taking food from other children", slop=2),
    pos=["Child said she was hungry and had not eaten since lunch yesterday.", "Seen taking food from the bins behind the shop."],
    neg=["Healthy eating week in reception.", "Packed lunch provided by parent as usual."],
    negated=["Child ate breakfast club toast and was not hungry."])
ind(f, "NEG05", "Young child left alone or unsupervised", "medium", ["police", "education"],
    "A young child was left home alone, found wandering or unsupervised.",
    flt(text("home alone", "left alone", "found wandering", "unsupervised", "left on his own", "left on her own", slop=2), rng("subject_age", lt=12)),
    pos=[{"text": "The four year old was found wandering on the main road in his pyjamas.", "subject_age": 4}, {"text": "Children left alone overnight while mum was out.", "subject_age": 6}],
    neg=[{"text": "Teenager home alone for an hour after school, agreed with parents.", "subject_age": 16}, {"text": "Supervised play at the after school club.", "subject_age": 7}],
    note="The CSV gives M (H under 5); one indicator here, under-12 age filter; severity escalation by age is left to scoring.")
ind(f, "NEG06", "Faltering growth", "medium", ["health"],
    "Faltering growth, failure to thrive or weight crossing centiles downwards.",
    text("faltering growth", "failure to thrive", "dropping centiles", "dropped two centiles", "weight loss", slop=2),
    pos=["Weight has dropped two centiles since the last review; faltering growth.", "Paediatric referral for failure to thrive."],
    neg=["Growing well along the 50th centile.", "Height and weight recorded at school nurse check."])
ind(f, "NEG07", "Dental neglect", "medium", ["health", "education"],
    "Untreated tooth decay, dental caries or a child in pain with teeth.",
    text("dental caries", "rotten teeth", "dental neglect", "toothache", "decayed teeth", slop=2),
    pos=["Multiple decayed teeth and toothache, never seen a dentist.", "Dental neglect concern raised by the dentist."],
    neg=["Dental check completed, no treatment needed.", "Teeth brushing scheme in nursery."])
ind(f, "NEG08", "Immunisations overdue", "low", ["health"],
    "The child has missed or not had routine immunisations.",
    text("missed immunisations", "immunisations overdue", "not immunised", "unvaccinated", slop=2),
    pos=["Immunisations overdue, three reminder letters sent.", "Child is unvaccinated; parents gave no reason."],
    neg=["Immunisations up to date.", "Flu vaccine clinic at school on Monday."])
ind(f, "NEG10", "Missed mandated health-visitor review", "low", ["health"],
    "A health-visitor review (new birth, 6-8 week, 1 year, 2-2.5 year) was declined or not completed.",
    text("review declined", "hv contact declined", "health visitor review not completed", "not seen for the review", "developmental review declined", slop=2),
    pos=["Two year developmental review declined by mum.", "Health visitor review not completed, family not seen."],
    neg=["Two year review completed, development on track.", "New birth visit done, baby thriving."])
ind(f, "NEG11", "Essential treatment not given", "medium", ["health"],
    "A parent does not give prescribed essential treatment (insulin, epilepsy medication) or collect it.",
    text("not giving insulin", "insulin not given", "medication not collected", "missed treatment", "not given his medication", "not given her medication", "prescription not collected", slop=2),
    pos=["Mum has not given her medication for epilepsy for a week.", "Diabetes nurse concerned insulin not given at weekends."],
    neg=["Medication collected from the pharmacy as planned.", "Insulin pump fitted and working well."])
ind(f, "NEG12", "Unsafe sleeping", "high", ["health", "police"],
    "A baby sleeps unsafely: co-sleeping with an intoxicated adult, sofa sleeping, unsafe sleep arrangements.",
    text("co-sleeping", "co sleeping", "cosleeping", "sofa sleeping", "asleep on the sofa with the baby", "asleep on the sofa with dad", "asleep on the sofa with mum", "unsafe sleep", slop=2),
    pos=["Mum admits co-sleeping after drinking on Saturday night.", "Baby found asleep on the sofa with dad who had been drinking."],
    neg=["Safe sleep advice given; baby sleeps in a cot in the parents' room.", "Sleep diary started for the toddler."],
    negated=["No co-sleeping reported; baby has own cot."])
ind(f, "NEG13", "Repeated late collection or lateness", "low", ["education"],
    "The child is repeatedly collected late from school or nursery, or is not collected.",
    text("late collection", "not collected", "collected late", "always late", slop=2),
    pos=["Another late collection; child waited in the office until 5pm.", "Child not collected from nursery, staff unable to reach mum."],
    neg=["Data collection for the census completed.", "Coursework collected by the teacher."])
ind(f, "NEG14", "Was not brought to a health appointment", "low", ["health"],
    "A child was not brought to a health appointment (signal counted by NEG09).",
    anyq(terms("codes.outcome", "wnb", "dna", "was not brought", "did not attend"), text("was not brought", "not brought to the appointment", slop=1)),
    pos=[{"agency": "health", "record_type": "appointment_missed", "codes": {"outcome": "WNB"}}, "Child was not brought to the audiology appointment."],
    neg=[{"agency": "health", "codes": {"outcome": "attended"}}, "DNA test results discussed in court."], weight=0.5,
    note="New signal indicator: 'DNA' as a phrase would also match DNA testing, so only the coded outcome counts.")

# ---------------- physical
f = "physical"
ind(f, "PHY01", "Bruise or mark on a non-mobile baby", "high", ["health", "education", "social_care"],
    "Any bruise or mark on a baby under six months, who cannot move independently.",
    flt(text("bruise", "bruising", "bruised", "petechiae", "mark on his", "mark on her", slop=1), anyq(rng("subject_age", lt=0.5), rng("youngest_child_age", lt=0.5))),
    pos=[{"text": "Small bruise noted on the baby's left cheek at the 8 week check.", "subject_age": 0.2}],
    neg=[{"text": "Bruise on the knee after falling in the playground.", "subject_age": 7}, {"text": "Baby feeding well, no concerns.", "subject_age": 0.2}],
    negated=[{"text": "Skin check: no bruising seen on the baby.", "subject_age": 0.3}],
    note="'mark' and 'baby' alone were too broad; the age condition (under 0.5 years) carries the risk.")
ind(f, "PHY02", "Fracture in a non-mobile child or fractures of different ages", "high", ["health"],
    "A fracture in a child under two, or fractures of different ages, or a rib fracture.",
    anyq(flt(anyq(term("codes.diagnosis", "fracture"), text("fracture", "fractured", "broken arm", "broken leg", "broken rib", slop=1)), rng("subject_age", lt=2)),
         text("old fractures", "fractures of different ages", "healing fractures", "rib fracture", "rib fractures", slop=2)),
    pos=[{"text": "X-ray shows a spiral fracture of the femur.", "subject_age": 0.8}, "Skeletal survey found healing fractures of different ages."],
    neg=[{"text": "Fractured wrist falling off a trampoline.", "subject_age": 11}, {"text": "X-ray normal.", "subject_age": 0.9, "codes": {"diagnosis": "sprain"}}],
    negated=[{"text": "X-ray of the arm showed no fracture.", "subject_age": 0.9}])
ind(f, "PHY03", "Head injury in a child under three", "high", ["health"],
    "Intracranial or head injury in a child under three without an accidental explanation; subdural bleed, shaking.",
    anyq(text("subdural", "bleed on the brain", "shaken baby", "was shaken", "abusive head trauma", slop=2),
         flt(anyq(term("codes.diagnosis", "head injury"), text("head injury", slop=0)), rng("subject_age", lt=3))),
    pos=["CT scan shows a subdural haematoma.", {"text": "Head injury after reportedly rolling off the bed.", "subject_age": 0.6}],
    neg=[{"text": "Head injury from a rugby tackle, concussion protocol followed.", "subject_age": 14}, "Headteacher meeting rearranged."])
ind(f, "PHY04", "Patterned burn or scald", "high", ["health", "education"],
    "A cigarette burn, iron burn, immersion scald or burns on soles, backs of hands or buttocks.",
    text("cigarette burn", "iron burn", "immersion scald", "immersion burn", "scald to the buttocks", "burns to the soles", "scalded", slop=2),
    pos=["Small round burn consistent with a cigarette burn on the forearm.", "Immersion scald to both feet in a glove pattern."],
    neg=["Sunburn after the school trip; suncream advice given.", "Burnt toast set off the fire alarm."])
ind(f, "PHY05", "Bite, hand, implement or ligature mark", "high", ["health", "education"],
    "A human bite mark or bruising shaped like a hand, belt, implement or ligature.",
    text("bite mark", "hand mark", "belt mark", "slap mark", "ligature mark", "finger marks", "fingertip bruising", "marks from a belt", slop=2),
    pos=["Teacher noticed finger marks on the side of his face.", "A belt mark across the back of the legs."],
    neg=["Child was bitten by a dog at the park; owner identified.", "Marking of the maths books completed."])
ind(f, "PHY06", "Injury with an absent, inconsistent or changing explanation", "medium", ["health", "education", "police"],
    "An injury whose explanation is missing, does not fit, or changes between accounts.",
    text("inconsistent explanation", "explanation inconsistent", "changing account", "account changed", "unexplained injury", "unexplained bruising", "no explanation for the injury", slop=2),
    pos=["The explanation was inconsistent with the injury pattern.", "Unexplained bruising to the upper arms."],
    neg=["Explanation consistent with a fall from the swing.", "Injury explained by the PE teacher who witnessed it."],
    negated=["There was no unexplained bruising; the injury was witnessed."])
ind(f, "PHY07", "Delayed presentation of an injury", "medium", ["health"],
    "An injury presented days later, or a delay in seeking treatment.",
    text("delay in seeking treatment", "delay in seeking medical attention", "presented late", "delayed presentation", slop=2),
    pos=["Delayed presentation: injury occurred three days before attendance.", "There was a delay in seeking treatment for the burn."],
    neg=["Presented promptly after the fall.", "Treatment started on the day of the injury."])
ind(f, "PHY09", "Child discloses being hit or hurt by a carer", "high", ["education", "police", "health", "social_care"],
    "The child says a parent, carer or other adult hit, hurt or punched them.",
    anyq(text("hit me", "hits me", "hurt me", "punched me", "kicked me", "slapped me", "beats me", slop=1),
         {"span_near": {"clauses": [{"span_or": {"clauses": [{"span_term": {"text": w}} for w in ["mum", "dad", "stepdad", "mummy", "daddy", "mother", "father"]]}},
                                    {"span_or": {"clauses": [{"span_term": {"text": w}} for w in ["hit", "slapped", "punched", "kicked", "hurt", "beat"]]}},
                                    {"span_or": {"clauses": [{"span_term": {"text": w}} for w in ["me", "her", "him", "us"]]}}], "slop": 0, "in_order": True}}),
    pos=["She said dad hit her with a slipper last night.", "He told his teacher: mummy hurt me when I cried."],
    neg=["Dad hit the winning runs at the cricket match.", "He said the ball hurt when it landed."])
ind(f, "PHY10", "Physical abuse category or assessment factor", "high", ["social_care"],
    "The child is on a plan under physical abuse, or physical abuse (18C, or child-on-child 18B) was an assessment factor.",
    anyq(terms("codes.cp_category", "phy", "physical abuse", "physical"), terms("codes.assessment_factors", "18b", "18c")),
    pos=[{"codes": {"cp_category": "PHY"}}, {"codes": {"assessment_factors": ["18C"]}}],
    neg=[{"codes": {"cp_category": "NEG"}}, {"codes": {"assessment_factors": ["18A"]}}], hl=730)
ind(f, "PHY11", "Fabricated or induced illness", "high", ["health"],
    "Concern that a carer fabricates or induces illness: unexplained presentations, doctor shopping.",
    text("fabricated or induced illness", "fabricated illness", "induced illness", "perplexing presentation", "doctor shopping", slop=2),
    pos=["Paediatrician raised concern of fabricated or induced illness.", "Perplexing presentations across three hospitals."],
    neg=["The story the child told was made up for the drama lesson.", "Illness reported by mum, sick note provided."])

# ---------------- sexual
f = "sexual"
ind(f, "SEX01", "Disclosure or allegation of sexual abuse", "high", ["police", "education", "health", "social_care"],
    "A child discloses, or someone alleges, sexual abuse, rape or indecent touching.",
    text("touched me", "touches me", "sexual abuse", "sexually abused", "raped", "rape", "indecent assault", "touched her private", "touched his private", slop=2),
    pos=["She told her teacher that her uncle touched her private parts.", "Disclosure of sexual abuse by a family friend."],
    neg=["Child touched the hot radiator and burnt his hand.", "Sex education lesson delivered in year 9."],
    negated=["The child denies any sexual abuse."])
ind(f, "SEX02", "Pregnancy or STI in a child under 13", "high", ["health"],
    "A child under 13 is pregnant or has a sexually transmitted infection.",
    flt(text("pregnant", "pregnancy test positive", "positive pregnancy", "chlamydia", "gonorrhoea", "sexually transmitted infection", "sti", slop=1), rng("subject_age", lt=13)),
    pos=[{"text": "Positive pregnancy test at the GP.", "subject_age": 12}, {"text": "Swab positive for chlamydia.", "subject_age": 11}],
    neg=[{"text": "Positive pregnancy test at the GP.", "subject_age": 19}, {"text": "Routine check, ear infection.", "subject_age": 10}])
ind(f, "SEX03", "Pregnancy or STI aged 13 to 15", "medium", ["health"],
    "A child aged 13-15 is pregnant or has an STI, especially with an older partner.",
    flt(anyq(text("pregnant", "positive pregnancy", "chlamydia", "gonorrhoea", "sexually transmitted infection", "older boyfriend", slop=1)), rng("subject_age", gte=13, lt=16)),
    pos=[{"text": "She is pregnant; the father is 22.", "subject_age": 15}],
    neg=[{"text": "She is pregnant.", "subject_age": 18}, {"text": "Verruca treatment at the clinic.", "subject_age": 14}])
ind(f, "SEX04", "Sexualised behaviour in a young child", "medium", ["education"],
    "Age-inappropriate sexualised behaviour or sexual knowledge in a young child.",
    flt(text("sexualised behaviour", "sexual knowledge", "touching other children", "simulating sex", slop=2), rng("subject_age", lt=11)),
    pos=[{"text": "Nursery staff noticed sexualised behaviour during play.", "subject_age": 4}],
    neg=[{"text": "Good behaviour certificate this week.", "subject_age": 5}, {"text": "Sexualised behaviour online between adults reported.", "subject_age": 30}])
ind(f, "SEX05", "Child victim of a sexual offence", "high", ["police"],
    "The child is a victim in a police sexual-offence record.",
    flt(anyq(terms("codes.offence_group", "sexual", "sexual offences"), text("sexual assault", "rape", "indecent images", slop=1)), rng("subject_age", lt=18)),
    pos=[{"agency": "police", "record_type": "crime", "codes": {"offence_group": "Sexual offences"}, "subject_age": 14}],
    neg=[{"agency": "police", "record_type": "crime", "codes": {"offence_group": "theft"}, "subject_age": 14}, {"agency": "police", "codes": {"offence_group": "sexual"}, "subject_age": 34}])
ind(f, "SEX06", "Harmful sexual behaviour", "medium", ["education", "social_care"],
    "Harmful sexual behaviour or child-on-child sexual abuse (assessment factor 19B).",
    anyq(term("codes.assessment_factors", "19b"), text("harmful sexual behaviour", "hsb", "peer on peer sexual", "child on child sexual abuse", slop=2)),
    pos=["Referral to the HSB service following the incident in the toilets.", {"codes": {"assessment_factors": ["19B"]}}],
    neg=["Healthy relationships lesson in PSHE.", {"codes": {"assessment_factors": ["19A"]}}])
ind(f, "SEX07", "Emergency contraception under 16", "medium", ["health"],
    "A child under 16 requests emergency contraception or attends sexual health services.",
    flt(text("emergency contraception", "morning after pill", "sexual health clinic", slop=1), rng("subject_age", lt=16)),
    pos=[{"text": "Requested the morning after pill at the pharmacy.", "subject_age": 14}],
    neg=[{"text": "Requested the morning after pill.", "subject_age": 22}, {"text": "Morning assembly after the holidays.", "subject_age": 14}])

# ---------------- emotional
f = "emotional"
ind(f, "EMO01", "Emotional abuse category or factor", "medium", ["social_care"],
    "The child is on a plan under emotional abuse or emotional abuse (17A) was an assessment factor; belittled or scapegoated.",
    anyq(terms("codes.cp_category", "emo", "emotional abuse", "emotional"), term("codes.assessment_factors", "17a"), text("emotional abuse", "belittled", "scapegoated", "scapegoat", slop=1)),
    pos=[{"codes": {"cp_category": "EMO"}}, "The child is belittled and scapegoated by stepmum."],
    neg=[{"codes": {"cp_category": "NEG"}}, "Emotional literacy session with the ELSA went well."], hl=365)
ind(f, "EMO02", "Child self-harm", "high", ["social_care", "health", "education"],
    "The child self-harms (assessment factor 15A) or attended hospital for self-harm.",
    anyq(term("codes.assessment_factors", "15a"), term("codes.chief_complaint", "self harm"),
         flt(text("self-harm", "self harm", "self harming", "cutting herself", "cutting himself", "cuts on her arms", "cuts on his arms", "took an overdose", "ligature", slop=1), rng("subject_age", lt=18))),
    pos=[{"text": "Pupil disclosed cutting herself at night; cuts on her arms seen.", "subject_age": 14}, {"codes": {"assessment_factors": ["15A"]}}],
    neg=[{"text": "Cutting and sticking activity in art.", "subject_age": 6}, {"text": "Self-harm awareness session for parents.", "subject_age": 41}],
    negated=[{"text": "She denies any self-harm.", "subject_age": 15}])
ind(f, "EMO03", "Child suicidal thoughts or attempt", "high", ["health", "education"],
    "The child talks of wanting to die, has suicidal thoughts or attempted suicide.",
    flt(text("suicidal", "wants to die", "want to die", "wanted to die", "suicide attempt", "attempted suicide", "kill myself", slop=1), rng("subject_age", lt=18)),
    pos=[{"text": "He said he wants to die and has a plan.", "subject_age": 13}],
    neg=[{"text": "He said he wants to be a vet.", "subject_age": 13}, {"text": "Suicide prevention training for staff.", "subject_age": 45}],
    negated=[{"text": "Not suicidal at present, safety plan reviewed.", "subject_age": 16}])
ind(f, "EMO04", "Child mental-health concern", "low", ["social_care", "health", "education"],
    "A mental-health concern about the child (assessment factor 4A), CAMHS referral, anxiety, eating disorder.",
    anyq(term("codes.assessment_factors", "4a"), flt(text("camhs", "eating disorder", "anxiety", "panic attacks", slop=1), rng("subject_age", lt=18))),
    pos=[{"text": "Referred to CAMHS for anxiety and panic attacks.", "subject_age": 12}],
    neg=[{"text": "Mum is anxious about the move.", "subject_age": 12}, {"text": "Exam stress talk for year 11.", "subject_age": 15}])
ind(f, "EMO05", "Child frightened to go home", "high", ["education", "police"],
    "The child is scared to go home, does not want to go home, or is frightened of a carer.",
    text("scared to go home", "frightened to go home", "doesn't want to go home", "does not want to go home", "didn't want to go home", "frightened of dad", "frightened of mum", "scared of dad", "scared of mum", "scared of his stepdad", "scared of her stepdad", slop=2),
    pos=["At home time she cried and said she was scared to go home.", "He is frightened of dad when he has been drinking."],
    neg=["He was scared of the dog on the school trip.", "She wanted to go home early because she felt sick."],
    negated=["Child was happy and not scared to go home."])
ind(f, "EMO06", "Hostile or rejecting parenting", "medium", ["health", "education", "social_care"],
    "A parent shouts at, rejects, degrades or calls the child names.",
    text("shouting at the child", "shouting at him", "shouting at her", "calls him names", "calls her names", "rejecting", "swore at the child", "called him stupid", "called her stupid", slop=2),
    pos=["Mum was shouting at him throughout the visit and called him stupid.", "Dad is rejecting of the youngest and calls her names."],
    neg=["Football match, crowd shouting encouragement.", "Child received a name badge for the trip."])

# ---------------- exploitation and missing
f = "exploitation"
ind(f, "EXP01", "Child sexual exploitation concern", "high", ["social_care", "police"],
    "Concern of child sexual exploitation (assessment factor 11A) or a CSE flag.",
    anyq(term("codes.assessment_factors", "11a"), term("codes.flags", "cse"), text("cse", "sexual exploitation", "sexually exploited", "being groomed", "groomed by", slop=1)),
    pos=["CSE concerns: she is being groomed by men at the takeaway.", {"codes": {"flags": ["CSE"]}}],
    neg=["Dog grooming business at the address.", {"codes": {"flags": ["SEND"]}}],
    negated=["No CSE concerns identified at the strategy meeting."],
    note="'grooming' also matches pet grooming; phrase context 'being groomed' and flags carry most of the weight.")
ind(f, "EXP02", "Child criminal exploitation or NRM referral", "high", ["social_care", "police"],
    "Concern of child criminal exploitation (24A), modern slavery or a National Referral Mechanism referral.",
    anyq(term("codes.assessment_factors", "24a"), terms("codes.flags", "cce", "nrm"), text("cce", "criminal exploitation", "criminally exploited", "nrm referral", "national referral mechanism", "county lines", slop=1)),
    pos=["NRM referral submitted; CCE concerns linked to county lines.", {"codes": {"flags": "CCE"}}],
    neg=["Exploitation of natural resources topic in geography.", "Lines of enquiry closed by the police."])
ind(f, "EXP03", "Gang association", "medium", ["police", "social_care", "other"],
    "The child is associated with a gang (assessment factor 13A) or carries a gang flag.",
    anyq(term("codes.assessment_factors", "13a"), term("codes.flags", "gang"), text("gang affiliation", "gang associated", "gang member", "associating with gang", "affiliated to", slop=2)),
    pos=["Intelligence suggests he is affiliated to the Eastside gang.", {"codes": {"flags": "GANG"}}],
    neg=["Gang show rehearsal with the scouts.", "Postcode confirmed for the new address."],
    note="The CSV phrases 'postcode' and 'drill' catch ordinary addresses and DIY; removed.")
ind(f, "EXP04", "Child found or arrested out of area", "high", ["police"],
    "The child was found or arrested in another force or county area, 'going country'.",
    text("out of area", "going country", "found in another county", "arrested in another force", "found in a different city", slop=2),
    pos=["Found out of area in a flat in Southend with two older males.", "Friends say he is going country."],
    neg=["The family area of the house has been decorated.", "Out of hours service contacted."])
ind(f, "EXP05", "Found with drugs, cash or multiple phones", "high", ["police", "education"],
    "The child was found with wraps of drugs, large amounts of cash, burner phones or SIM cards.",
    flt(text("wraps of", "drug wraps", "burner phone", "multiple phones", "two phones", "sim cards", "deal line", "large amount of cash", "quantity of cash", slop=2), rng("subject_age", lt=18)),
    pos=[{"text": "Stop search: 12 wraps of crack, a burner phone and £400 cash.", "subject_age": 15}],
    neg=[{"text": "Sandwich wraps at the picnic.", "subject_age": 9}, {"text": "Found with two phones and cash.", "subject_age": 35}])
ind(f, "EXP06", "Older adults, older boyfriend or picked up in cars", "medium", ["police", "education", "social_care"],
    "The child associates with older adults, has an older 'boyfriend' or is picked up in cars by unknown people.",
    text("older boyfriend", "picked up in a car", "picked up by older", "older males", "older men", "unknown car", slop=2),
    pos=["She is picked up in a car by older males after school.", "Mum worried about her older boyfriend who is 24."],
    neg=["Older children help the younger ones at lunch.", "Picked up from school by grandad."])
ind(f, "EXP07", "Unexplained money or gifts", "medium", ["education", "police"],
    "The child has unexplained money, new phones, new trainers or designer clothes.",
    text("unexplained money", "new trainers", "designer clothes", "expensive gifts", "new phone", "unexplained gifts", slop=2),
    pos=["He has new trainers and a new phone that mum cannot explain.", "Unexplained money found in her bag."],
    neg=["New school shoes bought for September.", "Birthday presents from grandparents."])
ind(f, "EXP08", "Cuckooing or drug dealing from the family address", "high", ["police", "housing"],
    "The family home is taken over or used by dealers (cuckooing, trap house).",
    anyq({"match_phrase": {"text.exact": "cuckooing"}}, {"match_phrase": {"text.exact": "cuckooed"}}, text("trap house", "dealers using the flat", "dealing from the address", slop=2)),
    pos=["Suspected cuckooing: dealers using the flat while mum is there.", "The address is being used as a trap house."],
    neg=["A cuckoo clock was stolen from the address.", "Flat inspection found no repairs needed."],
    note="'cuckooing' stems to 'cuckoo' under the case-note analyser, so it is matched on text.exact (unstemmed).")
ind(f, "EXP09", "Trafficking", "high", ["social_care", "police"],
    "Concern that the child has been trafficked (assessment factor 12A) or is in modern slavery.",
    anyq(term("codes.assessment_factors", "12a"), text("trafficked", "trafficking", "modern slavery", slop=1)),
    pos=["Concern he was trafficked to the UK to work in a nail bar.", {"codes": {"assessment_factors": "12A"}}],
    neg=["Traffic on the A road delayed the visit.", "Traffic light system for homework."])
ind(f, "EXP10", "Knife injury or serious youth violence", "high", ["health", "police"],
    "The child was stabbed, carried or used a knife or weapon.",
    flt(anyq(terms("codes.injury_mechanism", "stab", "stabbing", "knife"), terms("codes.offence", "possession of a bladed article", "possession of an offensive weapon"),
             text("stab wound", "stabbed", "carrying a knife", "knife crime", "pulled a knife", "knife attack", "threatened with a knife", "machete", "bladed article", "offensive weapon", slop=1)), rng("subject_age", lt=18)),
    pos=[{"text": "Stab wound to the thigh after an altercation in the park.", "subject_age": 16}, {"codes": {"injury_mechanism": "stab"}, "subject_age": 15}],
    neg=[{"text": "Stab wound to the thigh.", "subject_age": 30}, {"text": "Learning to use a knife and fork at lunch.", "subject_age": 15, "codes": {"injury_mechanism": "fall"}}])
ind(f, "EXP11", "Youth justice involvement", "medium", ["other", "police"],
    "The child is known to the youth justice service: referral order, YOT, first-time entrant.",
    anyq(terms("record_type", "yjs_record", "youth_justice"), text("youth offending team", "yot", "yjs", "youth justice service", "referral order", "first time entrant", slop=1)),
    pos=["Referral order of six months; allocated a YOT worker.", {"record_type": "youth_justice"}],
    neg=["Referral to speech and language therapy.", "Young people's justice debate club."])
ind(f, "EXP12", "Child's own substance misuse", "medium", ["social_care", "health", "education"],
    "The child misuses alcohol or drugs (assessment factors 1A, 2A): drunk, cannabis, ketamine, nitrous oxide.",
    anyq(terms("codes.assessment_factors", "1a", "2a"),
         flt(text("smoking cannabis", "smokes cannabis", "ketamine", "nitrous oxide", "laughing gas", "smelt of cannabis", "was drunk at school", "drinking alcohol", slop=1), rng("subject_age", lt=18))),
    pos=[{"text": "He was smoking cannabis at the bus stop in school uniform.", "subject_age": 14}, {"codes": {"assessment_factors": ["2A"]}}],
    neg=[{"text": "Dad drunk at the weekend.", "subject_age": 38}, {"text": "Science lesson on gas laws.", "subject_age": 14},
         {"text": "If mum is drunk again the children must go to nan.", "subject_age": 4}],
    note="The CSV's bare 'drunk' and 'cannabis' fired on a child's record describing a parent; only phrases about the child's own use are kept (the child drunk at ED is HLT04).")
ind(f, "EXP13", "Hotels, parties or unknown addresses", "medium", ["police", "other"],
    "The child is found at hotels, parties or addresses nobody knows, or with hotel key cards.",
    text("hotel room", "key card", "unknown address", "house party with adults", "party with older", slop=2),
    pos=["Found in a hotel room with two adults.", "Hotel key card found in her bag."],
    neg=["Birthday party at the soft play.", "Address confirmed with the housing officer."],
    note="'hotel' and 'party' alone are too common; kept as phrases.")
ind(f, "MIS01", "Missing episode", "medium", ["police"],
    "The child was reported missing to the police.",
    anyq(terms("record_type", "missing_episode", "missing_person"), flt(text("reported missing", "missing from home", "not returned home", "misper", slop=1), rng("subject_age", lt=18))),
    pos=[{"agency": "police", "record_type": "missing_episode", "subject_age": 14}, {"text": "Reported missing by mum at 23:00, not returned home.", "subject_age": 13}],
    neg=[{"agency": "police", "record_type": "incident", "text": "Missing bicycle reported.", "subject_age": 13}, {"text": "Reported missing by his wife.", "subject_age": 44}])
ind(f, "MIS03", "Missing or absent from a care placement", "high", ["social_care"],
    "A looked-after child is missing from, or away without authorisation from, the placement.",
    anyq(terms("codes.missing_type", "m", "a", "missing", "away"), text("missing from placement", "absent from placement", "missing from care", "away from placement without authorisation", slop=2)),
    pos=[{"agency": "social_care", "codes": {"missing_type": "M"}}, "Missing from placement overnight, returned at 10am."],
    neg=[{"agency": "social_care", "codes": {"missing_type": "none"}}, "Placement review held, child settled."],
    note="CSV gives H for missing and M for away; one indicator with severity high.")
ind(f, "MIS04", "Return home interview not done or declined", "medium", ["social_care"],
    "A return home interview after a missing episode was declined, not offered or late.",
    text("declined the return home interview", "return interview declined", "return home interview declined", "rhi declined", "return interview not completed", "declined rhi", slop=2),
    pos=["Return home interview declined by the young person.", "RHI declined again."],
    neg=["Return home interview completed within 72 hours.", "Interview with the school for a job."])
ind(f, "MIS05", "Found with adults, out of area or overnight when missing", "high", ["police"],
    "When missing, the child was found with unknown adults, out of area or missing overnight.",
    text("found with adults", "found with older", "missing overnight", "found at an address with", "found with unknown", slop=2),
    pos=["Missing overnight; found at an address with two unknown adults.", "She was found with older males in a car park."],
    neg=["Found the missing homework under the bed.", "Overnight stay at grandma's agreed."])

# ---------------- education
f = "education"
ind(f, "EDU01", "Persistent absence", "low", ["education"],
    "Attendance below 90 per cent (persistent absence).",
    rng("codes.attendance_pct", lt=90),
    pos=[{"agency": "education", "record_type": "attendance", "codes": {"attendance_pct": 84.5}}],
    neg=[{"agency": "education", "record_type": "attendance", "codes": {"attendance_pct": 96.0}}])
ind(f, "EDU02", "Severe absence", "medium", ["education"],
    "Attendance at or below 50 per cent (severe absence).",
    rng("codes.attendance_pct", lte=50),
    pos=[{"agency": "education", "codes": {"attendance_pct": 41.0}}],
    neg=[{"agency": "education", "codes": {"attendance_pct": 75.0}}])
ind(f, "EDU04", "High unauthorised absence", "low", ["education"],
    "Many unauthorised absence sessions (codes O, G, N, U), 10 or more in a return.",
    anyq(rng("codes.unauthorised_sessions", gte=10), terms("codes.attendance_code", "o", "g", "n")),
    pos=[{"agency": "education", "codes": {"unauthorised_sessions": 14}}, {"agency": "education", "codes": {"attendance_code": "O"}}],
    neg=[{"agency": "education", "codes": {"unauthorised_sessions": 2}}, {"agency": "education", "codes": {"attendance_code": "/"}}])
ind(f, "EDU05", "Ten or more days of unexplained absence", "high", ["education"],
    "Continuous unexplained absence of 20 sessions or more; whereabouts unknown.",
    anyq(rng("codes.unauthorised_sessions", gte=20), text("whereabouts unknown", "not heard from the family", "unable to contact the family", slop=2)),
    pos=["Child absent for two weeks, whereabouts unknown.", {"agency": "education", "codes": {"unauthorised_sessions": 24}}],
    neg=["Absent one day with a cold, mum phoned in.", {"agency": "education", "codes": {"unauthorised_sessions": 8}}])
ind(f, "EDU06", "Suspension", "low", ["education"],
    "The child was suspended (fixed-term exclusion).",
    anyq(terms("codes.exclusion_type", "susp", "fixed", "fixed term"), text("fixed term exclusion", "suspended from school", slop=1)),
    pos=[{"agency": "education", "record_type": "exclusion", "codes": {"exclusion_type": "SUSP"}}, "Suspended from school for three days."],
    neg=[{"agency": "education", "record_type": "exclusion", "codes": {"exclusion_type": "PERM"}}, "School trip suspended due to snow."])
ind(f, "EDU08", "Permanent exclusion", "medium", ["education"],
    "The child was permanently excluded.",
    anyq(terms("codes.exclusion_type", "perm", "permanent"), text("permanently excluded", "permanent exclusion", slop=1)),
    pos=[{"agency": "education", "codes": {"exclusion_type": "PERM"}}, "He was permanently excluded today."],
    neg=[{"agency": "education", "codes": {"exclusion_type": "SUSP"}}, "Permanent marker on the whiteboard."], hl=365)
ind(f, "EDU09", "Exclusion for drugs, weapon or sexual misconduct", "medium", ["education"],
    "An exclusion whose reason is drugs or alcohol (DA), an offensive weapon (OW) or sexual misconduct (SM).",
    terms("codes.exclusion_reason", "da", "ow", "sm", "drug and alcohol related", "use or threat of use of an offensive weapon", "sexual misconduct"),
    pos=[{"agency": "education", "record_type": "exclusion", "codes": {"exclusion_type": "SUSP", "exclusion_reason": "OW"}}],
    neg=[{"agency": "education", "record_type": "exclusion", "codes": {"exclusion_type": "SUSP", "exclusion_reason": "PD"}}])
ind(f, "EDU10", "Part-time or reduced timetable", "medium", ["education"],
    "The child is on a part-time or reduced timetable (attendance code C2).",
    anyq(term("codes.attendance_code", "c2"), text("part time timetable", "part-time timetable", "reduced timetable", slop=1)),
    pos=["Placed on a reduced timetable of mornings only.", {"agency": "education", "codes": {"attendance_code": "C2"}}],
    neg=["Part-time job at the café at weekends.", {"agency": "education", "codes": {"attendance_code": "C"}}])
ind(f, "EDU11", "Withdrawn to elective home education", "medium", ["education"],
    "The child was taken off roll for elective home education.",
    anyq(terms("codes.attendance_reason", "ehe", "elective home education"), text("elective home education", "home educated", "home schooling", "ehe", slop=1)),
    pos=["Mum has deregistered him for elective home education.", {"agency": "education", "codes": {"attendance_reason": "EHE"}}],
    neg=["Home learning pack sent during the snow day.", "Homework club on Thursdays."],
    note="The CSV raises this to H if the child is open to social care; that needs the case status, left to scoring.")
ind(f, "EDU12", "Child missing education", "high", ["education"],
    "The child is off roll with no known destination (child missing education).",
    anyq(terms("record_type", "cme", "child_missing_education"), text("child missing education", "cme referral", "destination unknown", "left the country without notice", slop=2)),
    pos=["CME referral made: off roll, destination unknown.", {"agency": "education", "record_type": "child_missing_education"}],
    neg=["Destination of the school trip is York.", "Moved to a new school, records transferred."])
ind(f, "EDU14", "Operation Encompass notification", "medium", ["police", "education"],
    "The police notified the school of a domestic abuse incident at the child's home.",
    anyq(terms("record_type", "encompass_notification"), text("operation encompass", "encompass notification", "domestic incident notification", slop=1)),
    pos=["Operation Encompass call received at 8:15.", {"agency": "education", "record_type": "encompass_notification"}],
    neg=["Compass points lesson in geography.", "Notification of the school photo day."])
ind(f, "EDU15", "Alternative provision or pupil referral unit", "low", ["education"],
    "The child is placed in alternative provision or a pupil referral unit.",
    text("pupil referral unit", "pru", "alternative provision", slop=1),
    pos=["Moved to the pupil referral unit after the exclusion.", "Two days a week at alternative provision."],
    neg=["Provisional timetable issued.", "Referral for a hearing test."])

# ---------------- health
f = "health"
ind(f, "HLT02", "Emergency department safeguarding concern", "medium", ["health"],
    "An emergency department recorded a safeguarding concern or referred to children's social care.",
    anyq(terms("codes.safeguarding_concern", "y", "yes", "true", "child protection", "safeguarding"), text("safeguarding concern", "referral to social care", "referred to social care", slop=2)),
    pos=[{"agency": "health", "record_type": "a_and_e_attendance", "codes": {"safeguarding_concern": "Y"}}, "Safeguarding concern raised by the ED nurse."],
    neg=[{"agency": "health", "record_type": "a_and_e_attendance", "codes": {"safeguarding_concern": "N"}}, "Safeguarding training attended by the team."])
ind(f, "HLT03", "Ingestion or poisoning in a young child", "high", ["health"],
    "A child under five swallowed tablets, methadone, drugs or household chemicals.",
    flt(anyq(terms("codes.diagnosis", "poisoning", "ingestion"), text("swallowed tablets", "ingested", "methadone", "swallowed pills", "drank bleach", "cannabis edible", slop=2)), rng("subject_age", lt=5)),
    pos=[{"text": "Toddler swallowed tablets from mum's handbag.", "subject_age": 2}, {"codes": {"diagnosis": "Poisoning"}, "subject_age": 3}],
    neg=[{"text": "Swallowed tablets in an overdose.", "subject_age": 15}, {"text": "Swallowed a coin, passed naturally.", "subject_age": 3}])
ind(f, "HLT04", "Child intoxicated at the emergency department", "medium", ["health"],
    "A child under 16 attended with alcohol or drug intoxication.",
    flt(text("intoxicated", "drunk", "alcohol intoxication", "under the influence", slop=1), rng("subject_age", lt=16), term("agency", "health")),
    pos=[{"agency": "health", "text": "Brought in by ambulance intoxicated, vomiting.", "subject_age": 14}],
    neg=[{"agency": "health", "text": "Brought in by ambulance intoxicated.", "subject_age": 25}, {"agency": "police", "text": "He was drunk.", "subject_age": 14}])
ind(f, "HLT05", "Teenage pregnancy", "medium", ["health"],
    "A girl under 18 is pregnant.",
    flt(text("pregnant", "pregnancy", "antenatal booking", slop=0), rng("subject_age", lt=18), rng("subject_age", gte=13)),
    pos=[{"text": "Antenatal booking at 12 weeks.", "subject_age": 17}],
    neg=[{"text": "Antenatal booking at 12 weeks.", "subject_age": 26}, {"text": "Sports day booked.", "subject_age": 16}])
ind(f, "HLT06", "Concealed pregnancy or late booking", "medium", ["health"],
    "A concealed or denied pregnancy, or antenatal booking late (20 weeks or more) or not at all.",
    text("concealed pregnancy", "late booker", "late booking", "no antenatal care", "denied pregnancy", slop=2),
    pos=["Late booker at 31 weeks, no antenatal care before.", "Concealed pregnancy, presented in labour."],
    neg=["Booked at 10 weeks, all scans attended.", "Booking for the leisure centre made."])
ind(f, "HLT07", "Unborn baby on a pre-birth plan or prior-removal parent", "high", ["social_care", "health"],
    "The unborn baby is subject to a pre-birth child protection plan or assessment.",
    text("pre birth assessment", "pre-birth assessment", "pre birth plan", "unborn child protection plan", "unborn baby on a child protection plan", "pre birth conference", slop=2),
    pos=["Pre-birth assessment started at 20 weeks.", "Unborn baby on a child protection plan under neglect."],
    neg=["Birth plan written with the midwife.", "Pre-school place confirmed."])
ind(f, "HLT08", "Neonatal abstinence or substance exposure in utero", "high", ["health"],
    "The baby has neonatal abstinence syndrome or was exposed to drugs or alcohol in pregnancy.",
    anyq(term("codes.diagnosis", "neonatal abstinence syndrome"), text("neonatal abstinence", "nas", "withdrawal symptoms", "methadone in pregnancy", "foetal alcohol", "fetal alcohol", slop=1)),
    pos=["Baby on the neonatal unit with withdrawal symptoms; NAS scoring started.", {"codes": {"diagnosis": "Neonatal abstinence syndrome"}}],
    neg=["Baby feeding well on the postnatal ward.", "Withdrawal of the planning application."])
ind(f, "HLT09", "Female genital mutilation", "high", ["health", "education"],
    "FGM identified or the girl is at risk (assessment factor 22A).",
    anyq(term("codes.assessment_factors", "22a"), term("codes.flags", "fgm"), text("fgm", "female genital mutilation", "female circumcision", "cut as a girl", slop=1)),
    pos=["Mum has had FGM and the family plan a trip abroad in the summer.", {"codes": {"flags": ["FGM"]}}],
    neg=["Cutting out shapes in nursery.", "Circumference of the head measured."],
    note="The CSV phrase 'cutting' collides with self-harm and crafts; removed.")
ind(f, "HLT10", "Child not registered with a GP", "low", ["health"],
    "The child is not registered with a GP or changes GP repeatedly.",
    text("not registered with a gp", "no gp registration", "not registered with gp", slop=1),
    pos=["Child not registered with a GP since the move."],
    neg=["Registered with the GP practice on the high street.", "GP letter sent to the school."])
ind(f, "HLT11", "CP-IS alert: child on a plan attended unscheduled care", "medium", ["health"],
    "The Child Protection Information Sharing service shows a child on a plan or looked after attended unscheduled care.",
    anyq(term("codes.flags", "cp-is"), term("codes.flags", "cpis"), text("cp-is alert", "cp is alert", "cpis notification", slop=1)),
    pos=[{"agency": "health", "codes": {"flags": ["CP-IS"]}}, "CP-IS alert on arrival at the walk-in centre."],
    neg=[{"agency": "health", "codes": {"flags": ["allergy"]}}, "Care plan is up to date."])
ind(f, "HLT12", "Injury attendance at urgent care", "low", ["health"],
    "An emergency department or minor injuries attendance for an injury (signal counted by PHY08).",
    flt(anyq(term("codes.chief_complaint", "injury"), exists := {"exists": {"field": "codes.injury_mechanism"}}), terms("record_type", "a_and_e_attendance", "ed_attendance", "miu_attendance")),
    pos=[{"agency": "health", "record_type": "a_and_e_attendance", "codes": {"chief_complaint": "injury", "injury_mechanism": "fall"}}],
    neg=[{"agency": "health", "record_type": "a_and_e_attendance", "codes": {"chief_complaint": "asthma"}}], weight=0.5,
    note="New signal indicator (weight 0.5) so that the CSV's count rule PHY08 has something to count.")
ind(f, "HLT13", "Urgent care attendance (any cause)", "low", ["health"],
    "Any emergency department, minor injuries or walk-in attendance (signal counted by HLT01).",
    terms("record_type", "a_and_e_attendance", "ed_attendance", "miu_attendance", "walk_in_attendance"),
    pos=[{"agency": "health", "record_type": "a_and_e_attendance"}],
    neg=[{"agency": "health", "record_type": "appointment_missed"}], weight=0.0,
    note="New signal indicator with weight 0: one attendance is not a concern; only HLT01's count is.")

# ---------------- housing
f = "housing"
ind(f, "HOU01", "Homeless or in temporary accommodation", "medium", ["housing"],
    "The family is homeless or placed in temporary accommodation, B&B or a hostel.",
    anyq(terms("record_type", "homeless_application", "temporary_accommodation"), terms("codes.housing_status", "homeless", "temporary accommodation", "ta", "b&b"),
         text("homeless", "temporary accommodation", "b&b", "bed and breakfast", "hostel", slop=1)),
    pos=["Family placed in a B&B for the third week.", {"agency": "housing", "record_type": "homeless_application"}],
    neg=["The family is settled in a council tenancy.", {"agency": "housing", "record_type": "repair_request"}])
ind(f, "HOU03", "Eviction, notice to quit or rent arrears", "low", ["housing"],
    "Eviction proceedings, a notice to quit, section 21 or rent arrears.",
    anyq(terms("record_type", "eviction"), terms("codes.tenancy_action", "eviction", "notice to quit", "section 21", "possession order"), rng("codes.arrears_amount", gte=1000),
         text("eviction", "notice to quit", "section 21", "rent arrears", "possession order", slop=1)),
    pos=["Section 21 notice served, the family must leave by March.", {"agency": "housing", "codes": {"arrears_amount": 2450.0}}],
    neg=["Tenancy renewed for another year.", {"agency": "housing", "codes": {"arrears_amount": 35.0}}])
ind(f, "HOU04", "Overcrowding", "low", ["housing"],
    "The home is overcrowded or children share beds.",
    text("overcrowded", "overcrowding", "sharing a bed", "share a bed", slop=1),
    pos=["Overcrowded one bedroom flat; the three children share a bed."],
    neg=["The children have a bedroom each.", "Crowd control at the football match."])
ind(f, "HOU05", "16 or 17 year old homeless or sofa-surfing", "high", ["housing", "social_care"],
    "A 16 or 17 year old presents as homeless, sofa-surfs, was kicked out or sleeps rough.",
    flt(text("sofa surfing", "sofa-surfing", "kicked out", "sleeping rough", "homeless", "nowhere to stay", slop=1), rng("subject_age", gte=15, lt=18)),
    pos=[{"text": "Kicked out by mum, sofa surfing with friends.", "subject_age": 16}],
    neg=[{"text": "Kicked out by mum, sofa surfing.", "subject_age": 24}, {"text": "Kicked the ball out of play.", "subject_age": 17}])
ind(f, "HOU06", "Serious disrepair or hazards", "low", ["housing"],
    "A serious hazard or disrepair in the child's home: damp, mould, no heating.",
    text("damp and mould", "black mould", "category 1 hazard", "no heating", "no hot water", slop=2),
    pos=["Black mould in the children's bedroom; category 1 hazard."],
    neg=["Heating serviced, all working.", "Mouldings on the ceiling restored."],
    note="'unsafe' alone (CSV) is too vague and was dropped.")
ind(f, "HOU07", "Antisocial behaviour complaints at the address", "low", ["housing", "police"],
    "Antisocial behaviour or nuisance complaints about the child's address.",
    anyq(terms("record_type", "asb_case"), text("antisocial behaviour", "anti-social behaviour", "asb", "noise complaint", "nuisance complaint", slop=1)),
    pos=["Third noise complaint from neighbours this month.", {"agency": "housing", "record_type": "asb_case"}],
    neg=["Behaviour in class was excellent.", "Complaint about the bin collection."])
ind(f, "OTH12", "Low income, debt or worklessness", "low", ["other"],
    "Benefit, debt or worklessness records. Context only: not scored because it mostly measures poverty and risks bias.",
    text("benefit sanction", "in debt", "universal credit", slop=1),
    pos=["Universal credit stopped after a benefit sanction."], neg=["Credit to the team for the display."], weight=0.0, enabled=False,
    note="Disabled on purpose: the research marks it 'context only - bias risk; never score'.")

# ---------------- criminal justice
f = "criminal-justice"
ind(f, "CJ01", "MAPPA offender or registered sex offender linked to the child", "high", ["police", "probation"],
    "A MAPPA offender (category 1 registered sex offender, 2 violent, 3 other) lives with or visits the child.",
    anyq(exists := {"exists": {"field": "codes.mappa_category"}}, text("mappa", "registered sex offender", "rso", "visor", "sex offenders register", slop=1)),
    pos=[{"agency": "probation", "codes": {"mappa_category": "1"}}, "Mum's partner is a registered sex offender managed under MAPPA."],
    neg=[{"agency": "probation", "codes": {"risk_of_harm": "low"}}, "Map of the local area attached."], applies="any")
ind(f, "CJ02", "Person posing a risk to children", "high", ["police", "probation"],
    "A person identified as posing a risk to children (formerly 'Schedule 1') is associated with the family.",
    anyq(terms("codes.flags", "risk to children", "rtc", "schedule 1", "ppr"), terms("codes.risk_of_harm", "high", "very high"),
         text("risk to children", "schedule 1 offender", "posing a risk to children", slop=1)),
    pos=[{"agency": "probation", "codes": {"risk_of_harm": "High"}}, "He is identified as posing a risk to children."],
    neg=[{"agency": "probation", "codes": {"risk_of_harm": "low"}}, "Risk assessment for the school trip signed off."], applies="any")
ind(f, "CJ03", "Household adult with a history of violence", "medium", ["police"],
    "An adult at the child's address has convictions or previous for violence (GBH, ABH, wounding).",
    anyq(flt(terms("codes.offence_group", "violence", "violence against the person"), rng("subject_age", gte=18)),
         text("previous for violence", "convictions for violence", "gbh", "abh", "grievous bodily harm", "actual bodily harm", slop=1)),
    pos=["Partner has previous for violence including GBH in 2019.", {"agency": "police", "codes": {"offence_group": "Violence against the person"}, "subject_age": 33}],
    neg=["No previous convictions recorded.", {"agency": "police", "codes": {"offence_group": "theft"}, "subject_age": 33}], applies=HA)
ind(f, "CJ04", "Weapons, firearms or drug warrant at the child's address", "high", ["police"],
    "A warrant or search found weapons, firearms or a cannabis farm at the child's address.",
    text("warrant executed", "drugs warrant", "firearm", "cannabis farm", "weapons found", "raid at the address", slop=2),
    pos=["Drugs warrant executed at 6am; a cannabis farm in the loft, children present."],
    neg=["Warranty claim for the washing machine.", "Farm visit with year 2."], applies="any")
ind(f, "CJ05", "Parent in prison or on licence", "low", ["probation", "other"],
    "A parent is in prison, recently released or on licence or probation.",
    anyq(terms("record_type", "offender_supervision", "custody_record"), text("in prison", "released on licence", "on licence", "remanded in custody", slop=1)),
    pos=["Dad is in prison until 2027.", {"agency": "probation", "record_type": "offender_supervision"}],
    neg=["Licence for the TV renewed.", "Prison visit to the museum."], applies=HA)
ind(f, "CJ06", "Child arrested or charged", "medium", ["police"],
    "The child was arrested or charged.",
    flt(anyq(terms("record_type", "arrest", "charge"), text("arrested", "charged with", slop=1)), rng("subject_age", gte=10, lt=18)),
    pos=[{"agency": "police", "record_type": "arrest", "subject_age": 15}, {"text": "Arrested for shoplifting and bailed.", "subject_age": 14}],
    neg=[{"agency": "police", "record_type": "arrest", "subject_age": 35}, {"text": "Phone charged overnight.", "subject_age": 15}])

# ---------------- online
f = "online"
ind(f, "ONL01", "Sharing nudes or semi-nudes", "medium", ["education", "police"],
    "Youth-produced sexual imagery: nudes, semi-nudes, sexting.",
    text("sent nudes", "sharing nudes", "shared nudes", "nude images", "nude photos", "sexting", "sent pictures of herself", "sent pictures of himself", "semi nude", slop=2),
    pos=["She sent nude images to a boy in year 11 who shared them.", "Sexting incident reported by the DSL."],
    neg=["Pictures of the school trip sent to parents.", "Art history lesson on nude sculpture."])
ind(f, "ONL02", "Online grooming", "high", ["police", "education"],
    "An adult contacted the child online, through apps or games, with grooming behaviour.",
    anyq(terms("codes.offence", "sexual communication with a child", "grooming"), text("groomed online", "online grooming", "adult messaging", "adult male messaging", "asked to meet up", "asked her to meet", slop=2)),
    pos=["An adult male messaging her on Snapchat asked to meet up.", "Concern she was groomed online through a game."],
    neg=["Messaging the class about the trip.", "Grooming standards for the horses."])
ind(f, "ONL03", "Sextortion", "high", ["police"],
    "The child is blackmailed with images (sextortion).",
    anyq(text("sextortion", "threatened to share pictures", "threatened to share the pictures", "threatened to share images", "blackmailed", slop=2)),
    pos=["He was blackmailed for money after sending pictures; they threatened to share pictures with his friends."],
    neg=["Shared pictures of the sports day on the website.", "He threatened to tell the teacher."])
ind(f, "ONL04", "Cyberbullying victim", "low", ["education"],
    "The child is bullied or abused online.",
    text("cyberbullying", "cyber bullying", "abusive messages", "bullied online", slop=1),
    pos=["Receiving abusive messages on the class group chat; cyberbullying."],
    neg=["Anti-bullying week assembly.", "Messages from the office."])
ind(f, "ONL05", "Radicalisation concern or Prevent referral", "medium", ["police", "education", "social_care"],
    "A concern about radicalisation, a Prevent referral or a Channel case.",
    anyq(terms("record_type", "prevent_referral"), text("prevent referral", "referred to prevent", "extremist", "radicalised", "radicalisation", "channel panel", slop=1)),
    pos=["Prevent referral after he shared extremist videos.", {"record_type": "prevent_referral"}],
    neg=["We must prevent slips on the wet floor.", "Changed the TV channel."],
    note="'Prevent' and 'Channel' alone are ordinary words; phrases only.")

# ---------------- social care and other
f = "social-care"
ind(f, "OTH01", "Young carer", "low", ["education", "social_care"],
    "The child is a young carer with impact on health or education (assessment factor 7A).",
    anyq(term("codes.assessment_factors", "7a"), text("young carer", "cares for mum", "cares for dad", "cares for his mum", "cares for her mum", slop=1)),
    pos=["He is a young carer and cares for mum who has MS.", {"codes": {"assessment_factors": ["7A"]}}],
    neg=["Takes care of the class hamster.", "Carers evening at the school."])
ind(f, "OTH02", "Privately fostered child", "medium", ["social_care", "education"],
    "The child is privately fostered (assessment factors 8B-8F), living with a family friend.",
    anyq(terms("codes.assessment_factors", "8b", "8c", "8d", "8e", "8f"), text("private fostering", "privately fostered", "living with a family friend", slop=1)),
    pos=["Living with a family friend since mum went abroad; private fostering notification."],
    neg=["Foster carers' training day.", "Living with mum and dad."])
ind(f, "OTH03", "Unaccompanied asylum-seeking child", "medium", ["social_care"],
    "The child is an unaccompanied asylum-seeking child (9A); age disputes.",
    anyq(term("codes.legal_status", "uasc"), term("codes.assessment_factors", "9a"), text("uasc", "unaccompanied asylum", "age dispute", "age assessment", slop=1)),
    pos=["UASC placed in supported lodgings; age assessment pending.", {"codes": {"legal_status": "UASC"}}],
    neg=["Accompanied by mum to the appointment.", {"codes": {"legal_status": "C2"}}])
ind(f, "OTH04", "Child with a disability", "low", ["social_care", "health", "education"],
    "The child has a disability, SEND or an EHCP (a vulnerability multiplier, never enough on its own).",
    anyq(terms("codes.assessment_factors", "5a", "6a"), text("ehcp", "education health and care plan", "non-verbal", "non verbal", "disabled child", "autism", slop=1)),
    pos=["Non-verbal, has an EHCP for autism."],
    neg=["Verbal warning given for lateness.", "Health plan for hay fever."], hl=730)
ind(f, "OTH05", "Forced marriage or honour-based abuse", "high", ["police", "education"],
    "Concern about forced marriage, so-called honour-based abuse, or being taken abroad.",
    anyq(terms("codes.flags", "hba", "fm", "forced marriage"), text("forced marriage", "honour based", "honour based abuse", "taken abroad to marry", "taken abroad", slop=1)),
    pos=["Friend says she will be taken abroad to marry in the summer.", {"codes": {"flags": ["FM"]}}],
    neg=["Honour roll for the spelling bee.", "School trip abroad to France."])
ind(f, "OTH06", "Abuse linked to faith or belief", "high", ["social_care", "police"],
    "Abuse linked to belief in witchcraft, spirit possession or similar (23A).",
    anyq(term("codes.assessment_factors", "23a"), text("witchcraft", "possessed by", "spirit possession", "evil spirit", "exorcism", slop=1)),
    pos=["Mum believes the child is possessed by an evil spirit."],
    neg=["Halloween party with witches' hats.", "Possessions packed for the move."])
ind(f, "OTH09", "Child protection plan ended in the last year", "medium", ["social_care"],
    "A child protection plan ended recently; the child remains vulnerable after step-down.",
    allq(filters=[term("record_type", "cp_plan"), terms("codes.outcome", "ended", "closed", "stepped down")]),
    pos=[{"agency": "social_care", "record_type": "cp_plan", "codes": {"outcome": "ended"}}],
    neg=[{"agency": "social_care", "record_type": "cp_plan", "codes": {"outcome": "started"}}], hl=365)
ind(f, "OTH10", "Cruelty to animals in the household", "medium", ["police", "other"],
    "Cruelty to animals at the child's address.",
    text("animal cruelty", "cruelty to animals", "kicked the dog", "dog was kicked", "rspca", slop=2),
    pos=["RSPCA attended; the dog was kicked by dad."],
    neg=["Dog walked twice a day.", "Animal magic club on Fridays."])
ind(f, "OTH11", "Unexplained death of a sibling", "high", ["health", "police"],
    "A sibling died suddenly and unexpectedly (SUDI, cot death).",
    text("sudi", "cot death", "sibling died", "sudden unexpected death", slop=1),
    pos=["Younger sibling died in 2023 (SUDI), cause unascertained."],
    neg=["The goldfish died.", "Death of grandad last spring, expected."], hl=1095)
ind(f, "OTH13", "Referral to children's social care", "low", ["social_care"],
    "A contact or referral to children's social care (signal counted by OTH07).",
    terms("record_type", "referral", "contact"),
    pos=[{"agency": "social_care", "record_type": "referral"}], neg=[{"agency": "social_care", "record_type": "assessment"}], weight=0.0,
    note="New signal indicator (weight 0) for OTH07's count.")
ind(f, "OTH14", "Referral closed with no further action", "low", ["social_care"],
    "A referral or assessment closed with no further action (signal counted by OTH08).",
    anyq(terms("codes.outcome", "nfa", "no further action", "rc8"), text("no further action", "closed nfa", slop=1)),
    pos=[{"agency": "social_care", "record_type": "referral", "codes": {"outcome": "NFA"}}],
    neg=[{"agency": "social_care", "record_type": "referral", "codes": {"outcome": "s47"}}], weight=0.5)

# ---------------- composite rules
f = "composite"
ind(f, "PAR04", "Repeat domestic abuse: three incidents in a year", "high", ["police"],
    "Three or more domestic abuse incidents in 365 days for the same child.",
    rule={"kind": "count", "of": ["PAR01", "PAR02", "PAR03"], "at_least": 3, "within_days": 365},
    rule_pos=[tl((0, "PAR01"), (100, "PAR01"), (300, "PAR03"))], rule_neg=[tl((0, "PAR01"), (200, "PAR01"), (400, "PAR01"))])
ind(f, "PAR17", "Toxic trio within a year", "high", ["police", "health", "social_care"],
    "Domestic abuse, parental mental ill-health and parental substance misuse all seen within 365 days.",
    rule={"kind": "co_occurrence", "all_of": [["PAR01", "PAR02", "PAR03", "PAR05", "PAR06"], ["PAR10", "PAR11", "PAR12", "PAR13"], ["PAR14", "PAR15", "PAR16"]], "within_days": 365},
    rule_pos=[tl((0, "PAR01"), (60, "PAR10"), (200, "PAR15"))], rule_neg=[tl((0, "PAR01"), (60, "PAR10")), tl((0, "PAR01"), (200, "PAR10"), (500, "PAR14"))])
ind(f, "PHY08", "Three injury attendances in a year", "medium", ["health"],
    "Three or more urgent-care attendances for injury in 365 days.",
    rule={"kind": "count", "of": ["HLT12"], "at_least": 3, "within_days": 365},
    rule_pos=[tl((0, "HLT12"), (30, "HLT12"), (90, "HLT12"))], rule_neg=[tl((0, "HLT12"), (30, "HLT13"), (90, "HLT12"))])
ind(f, "HLT01", "Three urgent-care attendances in a year", "medium", ["health"],
    "Three or more urgent-care attendances of any cause in 365 days.",
    rule={"kind": "count", "of": ["HLT13"], "at_least": 3, "within_days": 365},
    rule_pos=[tl((0, "HLT13"), (100, "HLT13"), (360, "HLT13"))], rule_neg=[tl((0, "HLT13"), (100, "HLT13"), (370, "HLT13"))])
ind(f, "MIS02", "Three missing episodes in 90 days", "high", ["police", "social_care"],
    "Three or more missing episodes within 90 days.",
    rule={"kind": "count", "of": ["MIS01", "MIS03"], "at_least": 3, "within_days": 90},
    rule_pos=[tl((0, "MIS01"), (20, "MIS03"), (85, "MIS01"))], rule_neg=[tl((0, "MIS01"), (50, "MIS01"), (100, "MIS01"))])
ind(f, "NEG09", "Was not brought twice in six months", "medium", ["health"],
    "Two or more 'was not brought' health appointments within 180 days.",
    rule={"kind": "count", "of": ["NEG14"], "at_least": 2, "within_days": 180},
    rule_pos=[tl((0, "NEG14"), (150, "NEG14"))], rule_neg=[tl((0, "NEG14"), (200, "NEG14"))],
    note="The CSV gives L (M if on a plan); with a single WNB now the NEG14 signal, the repeat pattern is medium.")
ind(f, "EDU07", "Three suspensions in a year", "medium", ["education"],
    "Three or more suspensions within 365 days (the CSV says academic year; a rolling year is used).",
    rule={"kind": "count", "of": ["EDU06"], "at_least": 3, "within_days": 365},
    rule_pos=[tl((0, "EDU06"), (40, "EDU06"), (100, "EDU06"))], rule_neg=[tl((0, "EDU06"), (40, "EDU08"))])
ind(f, "EDU16", "Repeated Operation Encompass notifications", "high", ["police", "education"],
    "Two or more Operation Encompass notifications within 90 days.",
    rule={"kind": "count", "of": ["EDU14"], "at_least": 2, "within_days": 90},
    rule_pos=[tl((0, "EDU14"), (60, "EDU14"))], rule_neg=[tl((0, "EDU14"), (120, "EDU14"))],
    note="The CSV's 'H if 2 or more in 3 months' for EDU14, split into its own rule.")
ind(f, "OTH07", "Three referrals to social care in a year", "medium", ["social_care"],
    "Three or more contacts or referrals to children's social care within 365 days.",
    rule={"kind": "count", "of": ["OTH13"], "at_least": 3, "within_days": 365},
    rule_pos=[tl((0, "OTH13"), (120, "OTH13"), (240, "OTH13"))], rule_neg=[tl((0, "OTH13"), (120, "OTH13"))])
ind(f, "OTH08", "Repeated no-further-action closures", "medium", ["social_care"],
    "Two or more referrals closed with no further action within 365 days.",
    rule={"kind": "count", "of": ["OTH14"], "at_least": 2, "within_days": 365},
    rule_pos=[tl((0, "OTH14"), (300, "OTH14"))], rule_neg=[tl((0, "OTH14"), (400, "OTH14"))])
ind(f, "HOU02", "Three or more addresses in a year", "medium", ["housing", "health", "education", "police"],
    "Three or more distinct postcodes among the child's events within 365 days.",
    rule={"kind": "distinct_values", "field": "location.postcode", "at_least": 3, "within_days": 365},
    rule_pos=[tl((0, {"location.postcode": "TC1 4AB"}), (50, {"location.postcode": "TC2 9ZZ"}), (200, {"location.postcode": "TC3 1AA"}))],
    rule_neg=[tl((0, {"location.postcode": "TC1 4AB"}), (50, {"location.postcode": "TC1 4AB"}), (200, {"location.postcode": "TC3 1AA"}))])
ind(f, "EXP14", "Missing and exploitation signals together", "high", ["police", "social_care", "education"],
    "A missing episode together with an exploitation sign (older adults, money, drugs, out of area) within 180 days.",
    rule={"kind": "co_occurrence", "all_of": [["MIS01", "MIS03", "MIS05"], ["EXP04", "EXP05", "EXP06", "EXP07", "EXP13"]], "within_days": 180},
    rule_pos=[tl((0, "MIS01"), (30, "EXP07"))], rule_neg=[tl((0, "MIS01"), (300, "EXP07"))],
    note="New composite from the research: missing episodes are the most common exploitation marker.")

os.makedirs(OUT, exist_ok=True)
class D(yaml.SafeDumper):
    def ignore_aliases(self, data): return True
for name, items in files.items():
    with open(os.path.join(OUT, name + ".yaml"), "w") as fh:
        fh.write("# Tessera indicator catalogue: " + G[name] + "\n# Format: docs/indicators.md. Research basis: shared research indicators.csv.\n")
        yaml.dump({"group": name, "indicators": items}, fh, Dumper=D, sort_keys=False, allow_unicode=True, width=140, default_flow_style=None)
print(sum(len(v) for v in files.values()), "indicators")
