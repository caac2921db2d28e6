#!/usr/bin/env python3
"""Reduces the ESCO files of ../shared/data/esco/ to what kommune ships:
crates/esco/data/esco.tsv.gz, one concept per line, tab-separated:

    kind  id  group  label  alt labels (joined by |)

kind is `skill` (the transversal and cross-sector skills, the ones with a preferred label;
group is the reuse level), `occupation` (group is the ISCO-08 unit group) or `isco` (an
ISCO-08 group; id is its code). id is the last part of the concept's URI. Descriptions are
left out. Run it again when the source files change:

    python3 scripts/esco.py ../shared/data/esco crates/esco/data/esco.tsv.gz

ESCO is the European Commission's classification (© European Union; reuse under Decision
2011/833/EU, with attribution: "This service uses the ESCO classification of the European
Commission.").
"""
import csv
import gzip
import io
import sys


def clean(text):
    return " ".join(text.replace("\t", " ").replace("|", "/").split())


def alts(text, label):
    seen, out = {label.lower()}, []
    for alt in (text or "").split("\n"):
        alt = clean(alt)
        if alt and alt.lower() not in seen:
            seen.add(alt.lower())
            out.append(alt)
    return "|".join(out)


def main(source, target):
    lines = []
    with open(f"{source}/skills-labelled.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            label = clean(r["preferredLabel"])
            lines.append(("skill", r["conceptUri"].rsplit("/", 1)[1], r["reuseLevel"], label, alts(r["altLabels"], label)))
    with open(f"{source}/occupations.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            label = clean(r["preferredLabel"])
            lines.append(("occupation", r["conceptUri"].rsplit("/", 1)[1], r["iscoGroup"], label, alts(r["altLabels"], label)))
    with open(f"{source}/isco-groups.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            lines.append(("isco", r["code"], r["code"][:-1], clean(r["preferredLabel"]), ""))
    lines.sort(key=lambda l: (l[0], l[1]))
    text = "".join("\t".join(l) + "\n" for l in lines)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as z:
        z.write(text.encode("utf-8"))
    with open(target, "wb") as out:
        out.write(buffer.getvalue())
    print(f"{len(lines)} concepts, {len(text)} bytes, {len(buffer.getvalue())} compressed", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
