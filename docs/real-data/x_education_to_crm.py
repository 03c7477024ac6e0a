#!/usr/bin/env python3
"""Turns the public "X Education" lead-scoring data set into leadscore's CRM
export (docs/crm-csv.md), the way a user brings any CRM's export in.

The file has no dates: Lead Number increases with time, so leads get a
created_at spread evenly, in Lead Number order, over 500 days. Its outcome
column (Converted) becomes a won deal two days after the lead, so every lead
is a conversion or not once its 180-day horizon has passed. Every other column
arrives as a custom attribute; "Select" (the form's "not chosen") becomes an
empty value. Its Country holds country names, not the contract's ISO codes, so
it arrives as the custom attribute "Country name". The columns the sales team fills after contact (Tags, Lead
Quality, Lead Profile, Asymmetrique*) are kept in the file: leave them out of
the model with `leadscore train --exclude ...` (see docs/real-data/README.md).

usage: x_education_to_crm.py x-education-leads.csv OUT_DIR
"""
import csv
import datetime
import os
import sys


def main(source, out_dir):
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: int(r["Lead Number"]))
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    span = datetime.timedelta(days=500)
    os.makedirs(out_dir, exist_ok=True)
    custom = [c for c in rows[0].keys() if c not in ("Prospect ID", "Lead Number", "Converted")]
    with open(os.path.join(out_dir, "leads.csv"), "w", newline="", encoding="utf-8") as leads, \
            open(os.path.join(out_dir, "deals.csv"), "w", newline="", encoding="utf-8") as deals:
        lw = csv.writer(leads)
        dw = csv.writer(deals)
        lw.writerow(["lead_id", "created_at"] + ["Country name" if c == "Country" else c for c in custom])
        dw.writerow(["deal_id", "lead_id", "created_at", "status", "closed_at", "amount"])
        for i, row in enumerate(rows):
            created = start + span * i / len(rows)
            lead_id = "XE-" + row["Lead Number"]
            values = ["" if row[c].strip() == "Select" else row[c] for c in custom]
            lw.writerow([lead_id, created.strftime("%Y-%m-%dT%H:%M:%SZ")] + values)
            if row["Converted"].strip() == "1":
                opened = created + datetime.timedelta(days=1)
                closed = created + datetime.timedelta(days=2)
                dw.writerow(["D-" + row["Lead Number"], lead_id, opened.strftime("%Y-%m-%dT%H:%M:%SZ"), "won",
                             closed.strftime("%Y-%m-%dT%H:%M:%SZ"), "1000"])
    print(f"{len(rows)} leads, {sum(r['Converted'].strip() == '1' for r in rows)} converted; "
          f"train as of {(start + span + datetime.timedelta(days=181)).date()} so every outcome is known")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
