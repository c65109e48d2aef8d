#!/usr/bin/env python3
"""The synthetic generator's own routine sentences as classifier negatives (issue #20, session 17, helper "stage4").

Reads tools/src/main/resources/synthetic/note-fragments.txt (the fragments the county's notes are built from, beside the
indicator phrases that carry its concerns) and fills each fragment's slots with fixed invented values, each fragment twice
(a boy's and a girl's name; {mood} from the generator's own list). Sections that read as a concern whatever the slots hold are
left out (missing-episode, youth-police, Operation Encompass, no-access and probation notes). The generator's template
families are kept apart as it keeps them (TemplateSet: every fourth line of a section is HELD_OUT):

- TRAINING family -> routine-negatives-generator.jsonl: negatives-only training items. The county uses both families
  (TemplateSet.ALL), so a classifier trained on this file has seen three quarters of the county's routine phrasings: its
  county noise figure is partly in sample.
- HELD_OUT family -> routine-heldout-generator.jsonl: never trained on; read only to report how often the heads fire on
  the generator's routine phrasings they were not trained on.

    python3 nlp-models/eval/routine/generator_routine.py tools/src/main/resources/synthetic/note-fragments.txt nlp-models/eval
"""
import sys
from pathlib import Path

from compose_routine import write_rows  # the same item format, written once

LEFT_OUT = {"police_missing", "police_youth", "encompass", "hv_noaccess", "probation"}
MOODS = ["settled", "quiet", "withdrawn", "chatty", "tired", "a bit flat", "happy", "anxious", "unsettled", "cheerful",
         "subdued", "polite"]  # NoteComposer.MOODS
AGENCY = {"police": "police", "health_ae": "health", "hv": "health", "clinic": "health", "school": "education",
          "csc": "social_care", "housing": "housing", "history": "social_care"}
FILLS = [
    {"child": "Kian", "child_full": "Kian Marsh", "mum": "Mum", "mum_name": "Carla Marsh", "dad": "Dad", "dad_name": "Lee Marsh",
     "partner": "her partner", "partner_name": "Wayne Cole", "sibling": "his sister", "worker": "Jo Bright",
     "school": "Fenwick Primary", "gp": "Abbey Road Surgery", "hospital": "Northgate General", "service": "the family hub",
     "address": "14 Larch Way", "town": "Tollbridge", "outtown": "Leeds", "date": "12/03/2025", "year": "2021",
     "he": "he", "He": "He", "his": "his", "His": "His", "him": "him"},
    {"child": "Maisie", "child_full": "Maisie Okoro", "mum": "her mother", "mum_name": "Grace Okoro", "dad": "her father",
     "dad_name": "Femi Okoro", "partner": "mum's partner", "partner_name": "Dean Shaw", "sibling": "her brother",
     "worker": "Paul Hart", "school": "St Luke's Academy", "gp": "Riverside Medical Centre", "hospital": "Eastfield Hospital",
     "service": "Early Help", "address": "Flat 3, 88 Quarry Road", "town": "Alderton", "outtown": "Bristol",
     "date": "4 June", "year": "2019", "he": "she", "He": "She", "his": "her", "His": "Her", "him": "her"},
]


def sections(path):
    out, current = {}, None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        if t.startswith("[") and t.endswith("]"):
            current = out.setdefault(t[1:-1], [])
        else:
            current.append(t)
    return out


def main(fragments, folder):
    train, held = [], []
    mood = 0
    for name, lines in sections(fragments).items():
        family = name.split(".", 1)[-1]
        if family in LEFT_OUT:
            continue
        for i, template in enumerate(lines):
            texts = []
            for values in FILLS:
                text = template
                for slot, value in values.items():
                    text = text.replace("{" + slot + "}", value)
                if "{mood}" in text:
                    text = text.replace("{mood}", MOODS[mood % len(MOODS)])
                    mood += 1
                if "{" in text:
                    raise ValueError("unfilled slot in " + template)
                if text not in texts:
                    texts.append(text)
            for text in texts:
                (held if i % 4 == 3 else train).append((text, AGENCY[family], "generator " + name))
    write_rows(folder, "routine-negatives-generator.jsonl", train, "RG")
    write_rows(folder, "routine-heldout-generator.jsonl", held, "RGH")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
