"""A tiny data folder in the layout of ``../shared/data`` (``stance.mixing.DataPaths.under``).

Written by hand for the tests of ``stance.mixing`` and ``scripts/train_default.py``; none of
it comes from the real data sets. Every argument text is unique, so a test can tell where a
pair of the mix came from by its text.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

# NewsMTSC: (sentence, mention, polarity)
NEWS = {
    "train": [
        ("Voters cheered Alice Green at the rally.", "Alice Green", 1),
        ("Critics slammed Bob Stone over the budget.", "Bob Stone", -1),
        ("Carol White spoke to reporters on Monday.", "Carol White", 0),
        ("Analysts praised Dan Black for the reform.", "Dan Black", 1),
        ("Protesters booed Eve Gray outside parliament.", "Eve Gray", -1),
        ("Frank Brown visited the factory.", "Frank Brown", 0),
    ],
    "dev-rw": [
        ("Fans applauded Gina Rossi warmly.", "Gina Rossi", 1),
        ("Hank Moore met the delegation.", "Hank Moore", 0),
        ("Editors attacked Ivy Chen for the leak.", "Ivy Chen", -1),
    ],
    "dev-mt": [
        ("Jack Lee thanked Kate Fox for her help.", "Kate Fox", 1),
        ("Liam Park blamed Mia Ross for the delay.", "Mia Ross", -1),
    ],
}

# IBM Claim Stance: six topics, two claims each; ibm_holdout_topics (every third id) = [1, 4]
IBM_TOPICS = {
    1: ("This house would ban boxing", "boxing"),
    2: ("This house supports nuclear energy", "nuclear energy"),
    3: ("This house would abolish tuition fees", "tuition fees"),
    4: ("This house would legalize gambling", "gambling"),
    5: ("This house would privatize railways", "railways"),
    6: ("This house believes that tourism helps poor countries", "tourism"),
}
IBM_HOLDOUT = [1, 4]

# ArgQ: proposition -> (set, arguments with stance_WA)
ARGQ = {
    "We should ban whaling": ("train", [("Whales are intelligent and suffer when hunted.", 1), ("Coastal villages depend on the hunt.", -1), ("Whale populations are collapsing.", 1)]),
    "We should subsidize journalism": ("train", [("Local newspapers keep officials honest.", 1), ("Taxpayers should not fund reporters.", -1), ("Public money buys editorial influence.", -1)]),
    "Zoos should be banned": ("train", [("Animals in cages lose their natural behaviour.", 1), ("Breeding programs save endangered species.", -1)]),
    "Social media brings more harm than good": ("train", [("Online platforms spread misinformation quickly.", 1), ("Friends stay in touch across continents.", -1)]),
    "We should abolish the monarchy": ("dev", [("A king is an outdated privilege.", 1), ("The crown attracts visitors and revenue.", -1), ("Hereditary rule is undemocratic.", 1)]),
    "We should adopt a universal basic income": ("dev", [("A guaranteed payment ends extreme poverty.", 1), ("Free cash discourages work.", -1)]),
    "We should legalize cannabis": ("test", [("Prohibition fills prisons with users.", 1), ("The drug harms young brains.", -1)]),
}

# ArgKP: (topic, argument, key point, stance, label); the monarchy topic is in ArgQ dev
ARGKP = [
    ("We should ban whaling", "Hunting whales is cruel to sentient animals.", "Whaling is cruel", 1, 1),
    ("We should ban whaling", "Hunting whales is cruel to sentient animals.", "Whaling feeds communities", 1, 0),
    ("We should ban whaling", "Fishermen need the income from whales.", "Whaling feeds communities", -1, 1),
    ("We should subsidize journalism", "Good reporting needs stable funding.", "Journalism is a public good", 1, 1),
    ("We should abolish the monarchy", "Royal families cost citizens millions.", "The monarchy is expensive", 1, 1),
]
ARGKP_HELD = {"Royal families cost citizens millions."}

# Perspectrum: claim id -> (split, claim, [(stance, [perspective texts])])
PERSPECTRUM = {
    1: ("train", "Homework should be abolished", [("SUPPORT", ["Children need time to play.", "Evenings belong to families."]), ("UNDERMINE", ["Practice at home builds discipline."])]),
    2: ("train", "Voting should be compulsory", [("SUPPORT", ["Mandatory turnout makes results legitimate."]), ("UNDERMINE", ["Forcing citizens violates liberty."])]),
    3: ("dev", "Space exploration is worth its cost", [("SUPPORT", ["Satellites improve daily life."]), ("UNDERMINE", ["Earthly problems deserve the money first."])]),
    4: ("test", "Fast food should be taxed", [("SUPPORT", ["Burgers cause obesity."]), ("UNDERMINE", ["Taxes on meals hurt the poor."])]),
}


def argq_texts(*splits: str) -> set[str]:
    return {text for split, arguments in ARGQ.values() if split in splits for text, _ in arguments}


def perspectrum_texts(*splits: str) -> set[str]:
    return {t for split, _, clusters in PERSPECTRUM.values() if split in splits for _, texts in clusters for t in texts}


def ibm_rows() -> list[dict]:
    rows = []
    for topic_id, (motion, target) in IBM_TOPICS.items():
        for k, (to_motion, to_target) in enumerate((("support", "opposition"), ("opposition", "support"))):
            rows.append({
                "id": f"c{topic_id}-{k}", "topic_id": topic_id, "motion": motion, "target": target,
                "text": f"Claim {k} about {target} in debate {topic_id}.",
                "stance_to_motion": to_motion, "stance_to_target": to_target,
            })
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    """One JSON object per line (parent folders made); returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    """A CSV file with a header row (parent folders made); returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_data_dir(root: Path) -> Path:
    """Write the tiny data sets under ``root`` (newsmtsc/, ibm-claim-stance/, ...); returns ``root``."""
    root = Path(root)
    for split, rows in NEWS.items():
        write_jsonl(root / "newsmtsc" / f"{split}.jsonl", [
            {"mention": m, "polarity": pol, "from": s.index(m), "to": s.index(m) + len(m), "sentence": s, "id": f"{split}-{i}"}
            for i, (s, m, pol) in enumerate(rows)
        ])
    write_jsonl(root / "ibm-claim-stance" / "train.jsonl", ibm_rows())
    write_csv(
        root / "ibm-argq-30k" / "arg_quality_rank_30k.csv",
        ["argument", "topic", "set", "WA", "MACE-P", "stance_WA", "stance_WA_conf"],
        [[text, topic, split, 0.8, 0.7, stance, 0.9] for topic, (split, arguments) in ARGQ.items() for text, stance in arguments],
    )
    write_csv(root / "ibm-argkp-2021" / "ArgKP-2021_dataset.csv", ["topic", "argument", "key_point", "stance", "label"], [list(r) for r in ARGKP])
    persp = root / "perspectrum"
    persp.mkdir(parents=True, exist_ok=True)
    pool, claims, pid = [], [], 0
    for cid, (_, claim, clusters) in PERSPECTRUM.items():
        perspectives = []
        for stance, texts in clusters:
            pids = []
            for text in texts:
                pid += 1
                pool.append({"pId": pid, "text": text, "source": "test"})
                pids.append(pid)
            perspectives.append({"pids": pids, "stance_label_3": stance})
        claims.append({"cId": cid, "text": claim, "source": "test", "perspectives": perspectives})
    (persp / "perspectrum_with_answers_v1.0.json").write_text(json.dumps(claims), encoding="utf-8")
    (persp / "perspective_pool_v1.0.json").write_text(json.dumps(pool), encoding="utf-8")
    (persp / "dataset_split_v1.0.json").write_text(json.dumps({str(c): s for c, (s, _, _) in PERSPECTRUM.items()}), encoding="utf-8")
    return root
