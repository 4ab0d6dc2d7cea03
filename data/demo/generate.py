#!/usr/bin/env python3
"""Writes the fictional demo children, spot purchases and personal budgets.

    python3 data/demo/generate.py            write the three files beside this script
    python3 data/demo/generate.py --check    compute and check only, write nothing

Output: children.csv, spot-purchases.csv and personal-budgets.csv in the
directory of this script.  Python 3 standard library only; the random
generator has a fixed seed, so every run writes the same bytes.

The records are made up, but their totals are not: computed with the
definitions of `sendesk report spot-growth` (core/report_spot_growth.h)
and `sendesk report pb-summary`, they reproduce the figures of Kent County
Council decision 24/00008, paras 5.5 (Tables 1 and 2) and 5.6.  The script
computes those reports itself, prints them, and refuses to write anything
unless every figure matches exactly.
"""

import csv
import datetime
import io
import os
import random
import sys

SEED = 2400008          # after decision 24/00008
D = datetime.date
ONE_DAY = datetime.timedelta(days=1)

# ---------------------------------------------------------------- targets
# Decision 24/00008 para 5.5, Table 1: pupils receiving spot-purchased
# therapy per calendar year (blank cells of the source are free).
TABLE_1 = {
    2019: {"children": 119, "ended": 24},
    2021: {"children": 273, "new": 178, "ended": 14},
    2022: {"children": 392, "new": 133},
}
# Para 5.5, Table 2: spot-purchased spend per financial year, in pence.
TABLE_2 = {
    "2019-20": 113498400,
    "2020-21": 129116600,
    "2021-22": 161848700,
}
# Para 5.6: all personal budgets for SEND, September 2023 - August 2024.
PB_TOTAL = 142754900
PB_START, PB_END = D(2023, 9, 1), D(2024, 8, 31)

# The plan per calendar year: children whose first purchase starts in the
# year (new) and whose last purchase ends in it (ended).  The records start
# in April 2018 and every purchase ends by 31 December 2024.  With no child
# idle for a whole year, receiving(Y) = receiving(Y-1) - ended(Y-1) + new(Y),
# which reproduces Table 1 (e.g. 2021: 135 - 40 + 178 = 273).
NEW = {2018: 115, 2019: 12, 2020: 40, 2021: 178, 2022: 133, 2023: 110, 2024: 25}
ENDED = {2018: 8, 2019: 24, 2020: 40, 2021: 14, 2022: 70, 2023: 140, 2024: 317}
FIRST_DAY, LAST_DAY = D(2018, 4, 1), D(2024, 12, 31)

# ---------------------------------------------------------------- names
# First names are everyday ones; the surnames are invented, so no record
# names a real child.
FIRST_F = ["Amelia", "Ava", "Chloe", "Daisy", "Ella", "Evie", "Freya", "Grace",
           "Harriet", "Isla", "Ivy", "Lily", "Maisie", "Mia", "Nell", "Olivia",
           "Poppy", "Rosie", "Ruby", "Sophie", "Willow", "Zara"]
FIRST_M = ["Alfie", "Archie", "Arlo", "Charlie", "Ethan", "Finley", "Freddie",
           "George", "Harry", "Henry", "Jack", "Jacob", "Leo", "Louie", "Mason",
           "Noah", "Oliver", "Oscar", "Reuben", "Riley", "Theo", "Toby"]
FIRST_X = ["Alex", "Frankie", "Jamie", "Rowan", "Sam"]
SURNAMES = ["Amberlight", "Brackenfold", "Brambletoft", "Cindervale", "Cloudberry",
            "Dapplemere", "Dewfallow", "Elmstitch", "Emberwick", "Fernwhistle",
            "Foxglade", "Glimmerton", "Goldmantle", "Hazelspring", "Heathercroft",
            "Inkwood", "Ivorytree", "Juniperlee", "Kestrelmoor", "Kindlewood",
            "Lanternby", "Larkspire", "Meadowsong", "Mossbank", "Nettlebrook",
            "Nimblefoot", "Oakhollow", "Orchardine", "Pebblewhite", "Pipplewick",
            "Quillmoor", "Rookwhistle", "Rushwillow", "Saffronby", "Sorrelby",
            "Tansywell", "Thistledown", "Umberfield", "Violetmere", "Willowmint",
            "Wrenhallow", "Yarrowdale"]

# Districts by configured name, with weights (Swale over-represented: no KCC
# contract covers it) and the provider serving each under contract or, for
# Swale, under NHS Kent and Medway's contract.
DISTRICTS = [
    ("Ashford", 8, "EKHUFT"), ("Canterbury", 9, "KCHFT"), ("Dartford", 7, "KCHFT"),
    ("Dover", 7, "EKHUFT"), ("Folkestone and Hythe", 7, "EKHUFT"),
    ("Gravesham", 6, "KCHFT"), ("Maidstone", 10, "KCHFT"), ("Sevenoaks", 6, "KCHFT"),
    ("Swale", 18, "MCH"), ("Thanet", 10, "KCHFT"), ("Tonbridge and Malling", 7, "KCHFT"),
    ("Tunbridge Wells", 5, "KCHFT"),
]
PROVIDERS = ["EKHUFT", "KCHFT", "MCH"]
INVOICE_PREFIX = {"EKHUFT": "EK", "KCHFT": "KC", "MCH": "MC"}

# Primary need (DfE codes) with weights, and the main therapy each leads to.
NEEDS = [("SLCN", 34), ("ASD", 30), ("SEMH", 11), ("MLD", 5), ("SLD", 4), ("SPLD", 3),
         ("PD", 5), ("PMLD", 2), ("HI", 2), ("VI", 1), ("MSI", 1), ("OTH", 2)]
MAIN_THERAPY = {
    "SLCN": [("slt", 9), ("ot", 1)], "ASD": [("slt", 6), ("ot", 4)],
    "SEMH": [("slt", 5), ("ot", 4), ("assistant", 1)], "MLD": [("slt", 6), ("ot", 4)],
    "SLD": [("slt", 5), ("ot", 3), ("assistant", 2)], "SPLD": [("ot", 6), ("slt", 4)],
    "PD": [("pt", 6), ("ot", 4)], "PMLD": [("pt", 4), ("at", 3), ("slt", 3)],
    "HI": [("slt", 1)], "VI": [("ot", 1)], "MSI": [("at", 5), ("slt", 5)],
    "OTH": [("slt", 5), ("ot", 5)],
}
SECOND_THERAPY = {"slt": [("ot", 8), ("assistant", 1), ("at", 1)],
                  "ot": [("slt", 8), ("pt", 2)], "pt": [("ot", 7), ("at", 3)],
                  "at": [("slt", 1)], "assistant": [("slt", 1)]}
# Pounds per session (an hour with report writing) and a yearly intensity
# before scaling, per therapy.
SESSION_RATES = {"slt": [85, 90, 95, 97.5, 105, 110, 120],
                 "ot": [80, 85, 90, 95, 100, 110],
                 "pt": [75, 80, 85, 90, 95],
                 "at": [70, 80, 90],
                 "assistant": [32.5, 35, 38, 40, 42.5]}
YEARLY = {"slt": (4200, 7400), "ot": (3600, 6600), "pt": (3000, 5200),
          "at": (1800, 3600), "assistant": (3200, 6000)}
ASSESSMENT = {"slt": [350, 425, 450, 495, 550], "ot": [395, 450, 495, 575],
              "pt": [325, 375, 420], "at": [450, 600], "assistant": [0]}

CODES = "ABCDEFGHJKLMNPQRTUVWXYZ"   # UPN check letters, in value order


# ---------------------------------------------------------------- periods
def fy_start(d):
    """First day of the financial year (April start) holding d."""
    y = d.year if d.month >= 4 else d.year - 1
    return D(y, 4, 1)


def period_of(kind, d):
    """(start, end, label) of the calendar, financial (April) or academic
    (September) year holding d, labelled 2019, 2019-20 or 2019/20."""
    if kind == "calendar":
        return D(d.year, 1, 1), D(d.year, 12, 31), str(d.year)
    if kind == "academic":
        y = d.year if d.month >= 9 else d.year - 1
        return D(y, 9, 1), D(y + 1, 8, 31), "%d/%02d" % (y, (y + 1) % 100)
    s = fy_start(d)
    return s, D(s.year + 1, 4, 1) - ONE_DAY, "%d-%02d" % (s.year, (s.year + 1) % 100)


def periods_spanned(kind, start, end):
    out = []
    p = period_of(kind, start)
    while p[0] <= end:
        out.append(p)
        p = period_of(kind, p[1] + ONE_DAY)
    return out


def overlap_days(p, start, end):
    lo, hi = max(start, p[0]), min(end, p[1])
    return (hi - lo).days + 1 if hi >= lo else 0


def prorata_split(amount, weights):
    """Whole-pence parts of amount in proportion to weights that add up to
    amount: floors first, then one penny each to the largest remainders,
    ties to the earlier part (as prorata_split in core/period.c)."""
    total = sum(weights)
    parts = [amount * w // total for w in weights]
    left = amount - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % total), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def spot_growth(purchases, kind):
    """Rows (label, children, new, ended, spend_pence) as the report defines
    them.  Every demo purchase has an end date, so no as-of day is needed."""
    assert all(p["end"] is not None for p in purchases)
    first = min(p["start"] for p in purchases)
    last = max(p["end"] for p in purchases)
    rows = {}
    for per in periods_spanned(kind, first, last):
        rows[per[2]] = {"period": per, "children": set(), "new": set(), "ended": set(),
                        "spend": 0}
    by_child = {}
    for p in purchases:
        by_child.setdefault(p["child"], []).append(p)
        spanned = periods_spanned(kind, p["start"], p["end"])
        weights = [overlap_days(per, p["start"], p["end"]) for per in spanned]
        for per, share in zip(spanned, prorata_split(p["cost"], weights)):
            rows[per[2]]["spend"] += share
            rows[per[2]]["children"].add(p["child"])
    for child, ps in by_child.items():
        rows[period_of(kind, min(p["start"] for p in ps))[2]]["new"].add(child)
        rows[period_of(kind, max(p["end"] for p in ps))[2]]["ended"].add(child)
    out = []
    for label, r in rows.items():
        out.append((label, len(r["children"]), len(r["new"]), len(r["ended"]), r["spend"]))
    return out


def change_tenths(spend, before):
    """Change on the year before in tenths of a percent, half away from zero."""
    num = (spend - before) * 1000
    q, r = divmod(abs(num), before)
    if 2 * r >= before:
        q += 1
    return q if num >= 0 else -q


def money(pence):
    return "%d.%02d" % divmod(pence, 100)


def pounds(pence):
    s = "{:,}".format(pence // 100)
    return "£%s.%02d" % (s, pence % 100)


def print_table(title, rows):
    print(title)
    print("  %-8s %8s %5s %6s %16s %8s" % ("period", "children", "new", "ended", "spend", "change"))
    before = None
    for label, children, new, ended, spend in rows:
        ch = ""
        if before:
            t = change_tenths(spend, before)
            ch = "%+d.%d%%" % (t // 10 if t >= 0 else -(-t // 10), abs(t) % 10)
            if t < 0 and t > -10:
                ch = "-0.%d%%" % (-t)
        print("  %-8s %8d %5d %6d %16s %8s" % (label, children, new, ended, pounds(spend), ch))
        before = spend if spend > 0 else None
    print()


# ---------------------------------------------------------------- helpers
def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def day_between(rng, a, b):
    return a + datetime.timedelta(days=rng.randint(0, (b - a).days))


def upn_check_letter(last12):
    """As upn_check_letter in core/upn.c: the character at position i + 2
    of the UPN weighs i + 2; the sum modulo 23 picks the letter."""
    total = 0
    for i, c in enumerate(last12):
        total += (ord(c) - 48) * (i + 2)
    return CODES[total % 23]


class Upns:
    """UPNs for Kent (LA 886): 886, a made-up establishment number, the two
    digits of the year of allocation and a serial, after the check letter."""
    def __init__(self, rng):
        self.rng = rng
        self.establishments = sorted(rng.sample(range(2100, 2999), 40)) + \
            sorted(rng.sample(range(4100, 4599), 15))
        self.next_serial = {}
        self.seen = set()

    def make(self, year):
        est = self.rng.choice(self.establishments)
        key = (est, year % 100)
        serial = self.next_serial.get(key, self.rng.randint(1, 40))
        self.next_serial[key] = serial + self.rng.randint(1, 9)
        last12 = "886%04d%02d%03d" % (est, year % 100, serial)
        upn = upn_check_letter(last12) + last12
        assert upn not in self.seen and len(upn) == 13
        self.seen.add(upn)
        return upn


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:            # 29 February
        return d.replace(year=d.year + years, day=28)


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ---------------------------------------------------------------- children
def make_person(rng, upns):
    sex = weighted(rng, [("m", 66), ("f", 32), ("x", 2)])
    first = rng.choice({"m": FIRST_M, "f": FIRST_F, "x": FIRST_X}[sex])
    district = weighted(rng, [(name, w) for name, w, _ in DISTRICTS])
    need = weighted(rng, NEEDS)
    return {"first_name": first, "last_name": rng.choice(SURNAMES), "sex": sex,
            "district": district, "primary_need": need, "upns": upns}


def finish_person(rng, c, dob, ehcp_latest):
    """Date of birth, UPN (most children) and an EHCP start between the
    age of two and ehcp_latest."""
    c["date_of_birth"] = dob
    earliest = max(add_years(dob, 2), ehcp_latest - datetime.timedelta(days=1500))
    c["ehcp_start_date"] = day_between(rng, earliest, ehcp_latest)
    # A UPN is allocated when a child first enters a school in England;
    # a few records have none (not yet found, or post-16 in college).
    if rng.random() < 0.95:
        c["upn"] = c["upns"].make(min(dob.year + rng.choice([4, 4, 5]), 2023))
    else:
        c["upn"] = ""


def plan_spans(rng):
    """(start year, end year) per child, matching NEW and ENDED."""
    spans, active = [], []
    for year in sorted(NEW):
        for _ in range(NEW[year]):
            active.append({"start_y": year})
        # Children who started this year end in it less often.
        pool = list(range(len(active)))
        rng.shuffle(pool)
        pool.sort(key=lambda i: (active[i]["start_y"] == year and year != 2024) * rng.random() * 2
                  + rng.random())
        chosen = set(pool[:ENDED[year]])
        keep = []
        for i, c in enumerate(active):
            if i in chosen:
                c["end_y"] = year
                spans.append(c)
            else:
                keep.append(c)
        active = keep
    assert not active
    return spans


def span_dates(rng, start_y, end_y):
    lo = max(D(start_y, 1, 1), FIRST_DAY)
    if start_y == end_y:
        start = day_between(rng, lo, D(start_y, 9, 1))
        end = day_between(rng, start + datetime.timedelta(days=70), D(end_y, 12, 31))
        return start, end
    start = day_between(rng, lo, D(start_y, 12, 31))
    end_lo = max(D(end_y, 1, 1), start + datetime.timedelta(days=90))
    # Packages often end with a school term or year.
    if rng.random() < 0.35:
        options = [d for d in (D(end_y, 4, 5), D(end_y, 7, 21), D(end_y, 8, 31),
                               D(end_y, 12, 20)) if d >= end_lo]
        if options:
            return start, rng.choice(options)
    return start, day_between(rng, end_lo, D(end_y, 12, 31))


def blocks(rng, start, end):
    """Purchase periods covering start..end: blocks of a term to a year,
    back to back or with a short gap, the last ending on end."""
    out, cursor = [], start
    while True:
        length = rng.choice([91, 122, 183, 183, 245, 273, 365, 365])
        stop = cursor + datetime.timedelta(days=length - 1)
        if (end - stop).days < 75:
            out.append((cursor, end))
            return out
        out.append((cursor, stop))
        gap = 0 if rng.random() < 0.7 else rng.randint(7, 35)
        cursor = stop + datetime.timedelta(days=1 + gap)


# ---------------------------------------------------------------- purchases
def make_children_and_purchases(rng, upns):
    spans = plan_spans(rng)
    for s in spans:
        s["start"], s["end"] = span_dates(rng, s["start_y"], s["end_y"])
    spans.sort(key=lambda s: (s["start"], s["end"]))
    children, purchases = [], []
    for n, s in enumerate(spans, 1):
        c = make_person(rng, upns)
        c["ref"] = "CH-%04d" % n
        years = (s["end"] - s["start"]).days / 365.25
        top = max(4.0, min(15.5, 18.8 - years))
        age_days = int(rng.uniform(4.05, top) * 365.25)
        dob = s["start"] - datetime.timedelta(days=age_days)
        finish_person(rng, c, dob, s["start"] - datetime.timedelta(days=rng.randint(30, 120)))
        assert 4 <= age_on(dob, s["start"]) and age_on(dob, s["end"]) <= 19
        children.append(c)
        home = next(p for name, _, p in DISTRICTS if name == c["district"])
        provider = home if rng.random() < 0.85 else rng.choice(PROVIDERS)
        main = weighted(rng, MAIN_THERAPY[c["primary_need"]])
        streams = [(main, s["start"], s["end"])]
        # Children with older plans more often have a second therapy.
        p_second = {2018: 0.65, 2019: 0.6, 2020: 0.5}.get(s["start_y"], 0.18)
        if rng.random() < p_second and (s["end"] - s["start"]).days > 150:
            other = weighted(rng, SECOND_THERAPY[main])
            a = day_between(rng, s["start"], s["end"] - datetime.timedelta(days=120))
            b = day_between(rng, a + datetime.timedelta(days=90), s["end"])
            streams.append((other, a, b))
        # Older plans are more intensive; intensity is scaled per year later.
        weight = {2018: 1.0, 2019: 0.95, 2020: 0.95}.get(s["start_y"], 0.72)
        for therapy, a, b in streams:
            rate = rng.choice(SESSION_RATES[therapy])
            yearly = rng.uniform(*YEARLY[therapy]) * weight
            prov = provider if rng.random() < 0.9 else rng.choice(PROVIDERS)
            for i, (bs, be) in enumerate(blocks(rng, a, b)):
                fee = rng.choice(ASSESSMENT[therapy]) if i == 0 else 0
                purchases.append({"child": c["ref"], "provider": prov, "therapy": therapy,
                                  "start": bs, "end": be, "rate": rate, "fee": fee,
                                  "base": yearly * ((be - bs).days + 1) / 365.0})
    return children, purchases


def price(purchases, factor):
    """Costs: whole sessions at the purchase's rate, plus any assessment."""
    for p in purchases:
        mid = p["start"] + (p["end"] - p["start"]) / 2
        f = factor[period_of("financial", mid)[2]]
        sessions = max(3, round(p["base"] * f / p["rate"]))
        p["sessions"] = sessions
        p["cost"] = int(round((sessions * p["rate"] + p["fee"]) * 100))


def split_dear(purchases, limit):
    """Splits each purchase dearer than limit pence into two back-to-back
    purchases, as a package is bought again half way through; the child's
    first start and last end do not change."""
    out = []
    for p in purchases:
        if p["cost"] <= limit:
            out.append(p)
            continue
        days = (p["end"] - p["start"]).days + 1
        half = p["start"] + datetime.timedelta(days=days // 2 - 1)
        first, second = dict(p), dict(p)
        first["end"], second["start"], second["fee"] = half, half + ONE_DAY, 0
        first["base"] = p["base"] * (days // 2) / days
        second["base"] = p["base"] - first["base"]
        out.extend([first, second])
    return out


def fit_factors(purchases, factor):
    for _ in range(40):
        price(purchases, factor)
        spend = fy_spend(purchases)
        for label, target in TABLE_2.items():
            factor[label] *= target / spend[label]
        # Free years follow the nearest fitted one, with intensity and
        # prices rising after 2021-22.
        factor["2018-19"] = factor["2019-20"]
        for label, rise in (("2022-23", 1.04), ("2023-24", 1.20), ("2024-25", 1.22)):
            factor[label] = factor["2021-22"] * rise
    price(purchases, factor)


def fy_spend(purchases):
    return {label: spend for label, _, _, _, spend in spot_growth(purchases, "financial")}


def fit_costs(purchases):
    """Scales the intensity of each financial year until the spend of the
    three years of Table 2 is within a few sessions of the target, then
    settles the last pence on purchases lying wholly inside each year (whose
    cost counts in that year alone)."""
    labels = [period_of("financial", d)[2] for d in
              (D(y, 6, 1) for y in range(FIRST_DAY.year, LAST_DAY.year + 1))]
    factor = {label: 1.0 for label in labels}
    fit_factors(purchases, factor)
    # Dear purchases are split until none is dearer than £9,000 once fitted.
    while any(p["cost"] > 900000 for p in purchases):
        purchases[:] = split_dear(purchases, 900000)
        fit_factors(purchases, factor)
    spend = fy_spend(purchases)
    for label, target in TABLE_2.items():
        start, end, _ = period_of("financial", D(int(label[:4]), 6, 1))
        inside = [p for p in purchases if p["start"] >= start and p["end"] <= end
                  and p["fee"] == 0 and 1500 * 100 < p["cost"] < 8000 * 100]
        assert inside, label
        inside.sort(key=lambda p: (p["start"], p["child"]))
        delta = target - spend[label]
        # Whole sessions first, round robin, then the pence on one purchase.
        i = 0
        while True:
            p = inside[i % len(inside)]
            step = int(round(p["rate"] * 100))
            if abs(delta) < step:
                break
            if delta > 0:
                p["cost"] += step
                p["sessions"] += 1
                delta -= step
            else:
                p["cost"] -= step
                p["sessions"] -= 1
                delta += step
            i += 1
        inside[len(inside) // 2]["cost"] += delta
    for p in purchases:
        assert 200 * 100 <= p["cost"] <= 10000 * 100, p


def number_purchases(rng, purchases):
    purchases.sort(key=lambda p: (p["start"], p["child"], p["therapy"]))
    serial, invoices = {}, {}
    for p in purchases:
        y = p["start"].year
        serial[y] = serial.get(y, 0) + 1
        p["ref"] = "SP-%d-%04d" % (y, serial[y])
        if rng.random() < 0.9:
            prefix = INVOICE_PREFIX[p["provider"]]
            ey = p["end"].year
            invoices[(prefix, ey)] = invoices.get((prefix, ey), rng.randint(100, 400)) + \
                rng.randint(1, 6)
            p["invoice_ref"] = "%s/%d/%05d" % (prefix, ey, invoices[(prefix, ey)])
        else:
            p["invoice_ref"] = ""


# ---------------------------------------------------------------- budgets
EOTAS_PURPOSES = [
    "EOTAS package: home tuition and speech and language therapy",
    "EOTAS package: tuition, occupational therapy and sensory programme",
    "EOTAS package: tuition, mentoring and speech and language therapy",
    "EOTAS package: outdoor learning, tuition and therapy",
    "EOTAS package: online tuition, SLT and OT",
    "EOTAS package: tuition and therapeutic mentoring",
    "EOTAS package: tuition, physiotherapy and hydrotherapy",
]
OTHER_PURPOSES = [
    ("Speech and language therapy sessions", (0.85, 1.0)),
    ("Occupational therapy and sensory equipment", (0.6, 0.85)),
    ("Physiotherapy and hydrotherapy", (0.8, 1.0)),
    ("Speech and language therapy and social communication group", (0.6, 0.9)),
    ("Music therapy", (1.0, 1.0)),
    ("Play therapy", (1.0, 1.0)),
    ("AAC device support and training", (0.5, 0.8)),
    ("Occupational therapy", (1.0, 1.0)),
]
NO_THERAPY_PURPOSES = ["Specialist tutoring", "Mentoring and travel training",
                       "Short breaks and activities", "Transport to specialist provision"]


def make_budgets(rng, upns, children, purchases):
    """Personal budgets for 2023/24, the list collated at the end of August
    2023: a quarter for children who also have spot purchases that year."""
    last_end = {}
    for p in purchases:
        last_end[p["child"]] = max(last_end.get(p["child"], p["end"]), p["end"])
    candidates = [c for c in children if last_end[c["ref"]] >= PB_START
                  and age_on(c["date_of_birth"], PB_START) <= 17]
    holders = rng.sample(candidates, 24)
    holders.sort(key=lambda c: c["ref"])
    n = len(children)
    for k in range(70):
        c = make_person(rng, upns)
        c["ref"] = "CH-%04d" % (n + k + 1)
        # EOTAS packages are mostly for secondary-age children.
        age = rng.choice([6, 7, 8, 9, 10, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 17])
        dob = PB_START - datetime.timedelta(days=int((age + rng.random()) * 365.25))
        finish_person(rng, c, dob, D(2023, 7, 31))
        children.append(c)
        holders.append(c)
    budgets = []
    for c in holders:
        age = age_on(c["date_of_birth"], PB_START)
        eotas = rng.random() < (0.6 if age >= 11 else 0.3)
        start, end = PB_START, PB_END
        if rng.random() < 0.15:
            start = rng.choice([D(2023, 10, 2), D(2023, 11, 6), D(2024, 1, 8), D(2024, 2, 26),
                                D(2024, 4, 15)])
        if rng.random() < 0.05:
            end = D(2024, 7, 23)
        if eotas:
            amount = rng.uniform(14000, 36000)
            purpose = rng.choice(EOTAS_PURPOSES)
            share = rng.uniform(0.2, 0.45)
        elif rng.random() < 0.88:
            purpose, (lo, hi) = rng.choice(OTHER_PURPOSES)
            amount = rng.uniform(2500, 16000)
            share = rng.uniform(lo, hi)
        else:
            purpose, share = rng.choice(NO_THERAPY_PURPOSES), None
            amount = rng.uniform(1500, 9000)
        amount *= ((end - start).days + 1) / 366.0
        budgets.append({"child": c["ref"], "start": start, "end": end, "amount": amount,
                        "share": share, "eotas": "yes" if eotas else "no",
                        "purpose": purpose})
    # A few budgets are renewed in January with a changed package: the
    # autumn term's budget is separate from the rest of the year's.
    for b in rng.sample([b for b in budgets if b["start"] == PB_START and b["end"] == PB_END], 5):
        second = dict(b)
        b["end"], second["start"] = D(2023, 12, 31), D(2024, 1, 2)
        b["amount"] *= 0.36
        second["amount"] *= 0.64 * rng.uniform(1.05, 1.25)
        budgets.append(second)
    # Whole pounds, scaled to the total of para 5.6; the pounds left by
    # rounding go to the largest budget.
    scale = PB_TOTAL / 100 / sum(b["amount"] for b in budgets)
    for b in budgets:
        b["amount"] = int(round(b["amount"] * scale)) * 100
    largest = max(budgets, key=lambda b: b["amount"])
    largest["amount"] += PB_TOTAL - sum(b["amount"] for b in budgets)
    for b in budgets:
        b["therapy_amount"] = None if b["share"] is None else \
            min(b["amount"], int(round(b["amount"] * b["share"] / 10000)) * 10000)
    # Refs: one series for the academic year 2023/24, in order of start.
    budgets.sort(key=lambda b: (b["start"], b["child"]))
    for i, b in enumerate(budgets, 1):
        b["ref"] = "PB-2023-%04d" % i
    return budgets


def pb_summary(budgets):
    total = sum(b["amount"] for b in budgets)
    therapy = sum(b["therapy_amount"] or 0 for b in budgets)
    eotas = [b for b in budgets if b["eotas"] == "yes"]
    return {"budgets": len(budgets), "children": len({b["child"] for b in budgets}),
            "amount": total, "therapy_amount": therapy,
            "with_therapy": sum(1 for b in budgets if b["therapy_amount"]),
            "eotas_count": len(eotas), "eotas_amount": sum(b["amount"] for b in eotas)}


# ---------------------------------------------------------------- checks
def check(children, purchases, budgets):
    cal = spot_growth(purchases, "calendar")
    fin = spot_growth(purchases, "financial")
    print_table("Spot-purchased therapy by calendar year (report spot-growth --period calendar)", cal)
    print_table("Spot-purchased therapy by financial year (report spot-growth)", fin)
    print_table("Spot-purchased therapy by academic year (report spot-growth --period academic)",
                spot_growth(purchases, "academic"))
    s = pb_summary(budgets)
    print("Personal budgets 2023/24: %d budgets, %d children, %s; therapy %s in %d budgets "
          "(%.1f%%); EOTAS %d, %s" % (s["budgets"], s["children"], pounds(s["amount"]),
                                      pounds(s["therapy_amount"]), s["with_therapy"],
                                      100.0 * s["therapy_amount"] / s["amount"],
                                      s["eotas_count"], pounds(s["eotas_amount"])))
    print("Records: %d children, %d spot purchases, %d personal budgets" %
          (len(children), len(purchases), len(budgets)))
    print()

    problems = []
    rows = {r[0]: r for r in cal}
    for year, want in TABLE_1.items():
        _, children_n, new, ended, _ = rows[str(year)]
        got = {"children": children_n, "new": new, "ended": ended}
        for key, value in want.items():
            if got[key] != value:
                problems.append("%d %s: %d, want %d" % (year, key, got[key], value))
    spend = {r[0]: r[4] for r in fin}
    for label, want in TABLE_2.items():
        if spend[label] != want:
            problems.append("%s spend: %s, want %s" % (label, pounds(spend[label]), pounds(want)))
    if change_tenths(spend["2020-21"], spend["2019-20"]) != 138 or \
            change_tenths(spend["2021-22"], spend["2020-21"]) != 254:
        problems.append("changes are not +13.8% and +25.4%")
    cal_children = {r[0]: r[1] for r in cal}
    if not cal_children["2019"] < cal_children["2020"] < cal_children["2021"] < \
            cal_children["2022"] < cal_children["2023"]:
        problems.append("children receiving do not grow from 2019 to 2023")
    if s["amount"] != PB_TOTAL:
        problems.append("personal budgets total %s, want %s" % (pounds(s["amount"]),
                                                                 pounds(PB_TOTAL)))

    # Field rules of core/kind.c and the ages the data set promises.
    refs = {c["ref"]: c for c in children}
    upns = [c["upn"] for c in children if c["upn"]]
    if len(refs) != len(children) or len(set(upns)) != len(upns):
        problems.append("duplicate child ref or UPN")
    for c in children:
        if c["upn"] and upn_check_letter(c["upn"][1:]) != c["upn"][0]:
            problems.append("%s: bad UPN %s" % (c["ref"], c["upn"]))
        if not c["date_of_birth"] < c["ehcp_start_date"] <= LAST_DAY:
            problems.append("%s: EHCP start out of range" % c["ref"])
    first_start = {}
    for p in purchases:
        c = refs[p["child"]]
        first_start[p["child"]] = min(first_start.get(p["child"], p["start"]), p["start"])
        if not (p["start"] <= p["end"] <= LAST_DAY and p["start"] >= FIRST_DAY):
            problems.append("%s: dates" % p["ref"])
        if not 4 <= age_on(c["date_of_birth"], p["start"]) <= age_on(c["date_of_birth"], p["end"]) <= 19:
            problems.append("%s: age" % p["ref"])
    for ref, start in first_start.items():
        if not refs[ref]["ehcp_start_date"] < start:
            problems.append("%s: EHCP starts after the first purchase" % ref)
    for b in budgets:
        c = refs[b["child"]]
        if not (PB_START <= b["start"] <= b["end"] <= PB_END):
            problems.append("%s: dates" % b["ref"])
        if b["therapy_amount"] is not None and b["therapy_amount"] > b["amount"]:
            problems.append("%s: therapy amount" % b["ref"])
        if not 4 <= age_on(c["date_of_birth"], b["start"]) <= 19:
            problems.append("%s: age" % b["ref"])
        if not c["ehcp_start_date"] < b["start"]:
            problems.append("%s: EHCP starts after the budget" % b["ref"])
    if len({p["ref"] for p in purchases}) != len(purchases) or \
            len({b["ref"] for b in budgets}) != len(budgets):
        problems.append("duplicate purchase or budget ref")
    return problems


# ---------------------------------------------------------------- output
def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def main():
    rng = random.Random(SEED)
    upns = Upns(rng)
    children, purchases = make_children_and_purchases(rng, upns)
    fit_costs(purchases)
    number_purchases(rng, purchases)
    budgets = make_budgets(rng, upns, children, purchases)

    problems = check(children, purchases, budgets)
    if problems:
        for p in problems:
            print("generate.py: " + p, file=sys.stderr)
        return 1
    if "--check" in sys.argv[1:]:
        return 0
    here = os.path.dirname(os.path.abspath(__file__))
    write_csv(os.path.join(here, "children.csv"),
              ["ref", "first_name", "last_name", "date_of_birth", "upn", "sex", "district",
               "primary_need", "ehcp_start_date"],
              [[c["ref"], c["first_name"], c["last_name"], c["date_of_birth"].isoformat(),
                c["upn"], c["sex"], c["district"], c["primary_need"],
                c["ehcp_start_date"].isoformat()] for c in children])
    write_csv(os.path.join(here, "spot-purchases.csv"),
              ["ref", "child", "provider", "therapy", "start_date", "cost", "end_date",
               "invoice_ref"],
              [[p["ref"], p["child"], p["provider"], p["therapy"], p["start"].isoformat(),
                money(p["cost"]), p["end"].isoformat(), p["invoice_ref"]] for p in purchases])
    write_csv(os.path.join(here, "personal-budgets.csv"),
              ["ref", "child", "start_date", "end_date", "amount", "therapy_amount", "eotas",
               "purpose"],
              [[b["ref"], b["child"], b["start"].isoformat(), b["end"].isoformat(),
                money(b["amount"]),
                "" if b["therapy_amount"] is None else money(b["therapy_amount"]),
                b["eotas"], b["purpose"]] for b in budgets])
    print("wrote children.csv, spot-purchases.csv, personal-budgets.csv in " + here)
    return 0


if __name__ == "__main__":
    sys.exit(main())
