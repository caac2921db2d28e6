#!/usr/bin/env python3
"""Reduces Open SDG's goal and target titles (../shared/data/sdg/, MIT licence, from
open-sdg/sdg-translations) to crates/indicators/data/sdg.tsv: one line per goal or target,
`kind<TAB>code<TAB>short<TAB>title`. Goals' Danish short titles are kommune's own
translation (below); targets stay in English.

Usage: python3 scripts/sdg.py ../shared/data/sdg > crates/indicators/data/sdg.tsv
"""
import sys
import yaml

DANISH = {
    1: "Afskaf fattigdom", 2: "Stop sult", 3: "Sundhed og trivsel", 4: "Kvalitetsuddannelse",
    5: "Ligestilling mellem kønnene", 6: "Rent vand og sanitet", 7: "Bæredygtig energi",
    8: "Anstændige jobs og økonomisk vækst", 9: "Industri, innovation og infrastruktur",
    10: "Mindre ulighed", 11: "Bæredygtige byer og lokalsamfund",
    12: "Ansvarligt forbrug og produktion", 13: "Klimaindsats", 14: "Livet i havet",
    15: "Livet på land", 16: "Fred, retfærdighed og stærke institutioner",
    17: "Partnerskaber for handling",
}


def main(folder):
    goals = yaml.safe_load(open(f"{folder}/en_global_goals.yml", encoding="utf-8"))
    targets = yaml.safe_load(open(f"{folder}/en_global_targets.yml", encoding="utf-8"))
    clean = lambda t: " ".join(str(t).split())
    for n in range(1, 18):
        print(f"goal\t{n}\t{clean(goals[f'{n}-short'])}\t{clean(goals[f'{n}-title'])}\t{DANISH[n]}")
    def key(k):
        parts = k.split("-")[:2]
        return (int(parts[0]), parts[1].rjust(3, "0") if parts[1].isdigit() else parts[1])
    for k in sorted((k for k in targets if k.endswith("-title")), key=key):
        goal, target = k.split("-")[:2]
        print(f"target\t{goal}.{target}\t\t{clean(targets[k])}\t")


if __name__ == "__main__":
    main(sys.argv[1])
