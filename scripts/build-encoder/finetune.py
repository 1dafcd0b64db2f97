"""Optional build step (measured, see the README's engine section): contrastive fine-tuning of
the shipped encoder (all-mpnet-base-v2 since engine version 6; measured on all-MiniLM-L6-v2) on the Bitext customer-service corpus (../shared/datasets/bitext-customer-service.json,
CDLA-Sharing-1.0: trained weights are not restricted by it). banking77, hardware-store-dev and every
test split stay out, so their figures remain fair transfer.

Each step takes PAIRS pairs of different phrasings of the same request from each Bitext intent
(check_invoice and check_invoices are one request, merged), and minimises the symmetric in-batch
cross-entropy of scaled cosines (multiple-negatives ranking loss). Every intent is in every batch, so
the hard negatives (other intents of the same category: get_refund / track_refund / check_refund_policy)
are always there; the other pairs of the anchor's own intent are masked out, never negatives.
With probability --noise the anchor is typed as customers type (lower case, no punctuation, a typo or
two, a dropped word, a fragment, a texting form), so a noisy message and a tidy phrasing of the same
request are pulled together. --distil keeps the tidy side near the original model's vector (cosine
to a frozen copy), which limits how far the encoder drifts from its general training.
Linear warmup over the first 10 % of steps, then linear decay. CPU, one thread, fixed seeds.

Usage: python finetune.py DATASETS_DIR OUT_DIR [--steps N] [--lr X] [--pairs K] [--noise P] [--distil W] [--seed S]
  (in the build venv: .venv-encoder/bin/python; about 2-3 s a step on one core.) Then
  `build.py TMP_DIR "" DATASETS_DIR --finetuned OUT_DIR` exports and quantises it into TMP_DIR, and
  `HUSHDESK_ENCODER=TMP_DIR hushdesk eval --dataset FILE` scores the engine with it. Keep it only if
  hardware-store-dev and banking77-10shot both gain over the shipped encoder (issue 16).
"""
import argparse
import copy
import json
import os
import random
import re
import sys
import time

import torch
from transformers import AutoModel, AutoTokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import MAX_TOKENS, SentenceEncoder, package_model_dir  # noqa: E402

SCALE = 20.0
MERGE = {"check_invoice": "check_invoices"}
# The reverse of a few of main/engine/lexicon.ts's forms: the app maps them back before the encoder,
# but a form the lexicon lacks reaches the encoder as typed, so it should not be a stranger.
TEXTING = {"you": "u", "your": "ur", "please": "pls", "thanks": "thx", "when": "wen", "what": "wat", "are": "r", "because": "coz", "tonight": "tonite", "tomorrow": "tmrw", "could": "cud", "and": "n", "about": "abt", "before": "b4", "people": "ppl", "for": "4", "to": "2", "have": "hav", "back": "bak", "phone": "fone", "through": "thru"}
KEYS = "abcdefghijklmnopqrstuvwxyz"


def typo(w: str, rng: random.Random) -> str:
    if len(w) < 4:
        return w
    i = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return w[:i] + w[i + 1 :]  # dropped letter
    if kind == 1:
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]  # swapped letters
    if kind == 2:
        return w[:i] + w[i] + w[i:]  # doubled letter
    return w[:i] + rng.choice(KEYS) + w[i + 1 :]  # wrong letter


def noisy(text: str, rng: random.Random) -> str:
    """How a customer might type the same request: never more than a few edits."""
    words = re.sub(r"[^\w\s']", " ", text.lower()).split()
    if len(words) > 5 and rng.random() < 0.3:  # a fragment: a contiguous 60-90 % of the words
        n = max(3, int(len(words) * rng.uniform(0.6, 0.9)))
        s = rng.randrange(0, len(words) - n + 1)
        words = words[s : s + n]
    if len(words) > 3 and rng.random() < 0.3:
        del words[rng.randrange(len(words))]
    out = []
    for w in words:
        if w in TEXTING and rng.random() < 0.4:
            out.append(TEXTING[w])
        elif rng.random() < 0.12:
            out.append(typo(w, rng))
        else:
            out.append(w)
    return " ".join(out) or text.lower()


def main() -> None:
    p = argparse.ArgumentParser(description="Contrastive fine-tuning of the shipped encoder on Bitext (build time only).")
    p.add_argument("datasets_dir")
    p.add_argument("out_dir")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--lr", type=float, default=2e-5)
    p.add_argument("--pairs", type=int, default=2, help="pairs of phrasings per intent in every batch")
    p.add_argument("--noise", type=float, default=0.5, help="probability that an anchor is typed as customers type")
    p.add_argument("--distil", type=float, default=0.0, help="weight of the cosine to the frozen original model")
    p.add_argument("--seed", type=int, default=7)
    o = p.parse_args()
    datasets_dir, out_dir, steps, lr, pairs, noise, distil, seed = o.datasets_dir, o.out_dir, o.steps, o.lr, o.pairs, o.noise, o.distil, o.seed
    if steps < 1 or pairs < 1 or not 0 <= noise <= 1 or distil < 0:
        raise SystemExit("finetune: needs --steps >= 1, --pairs >= 1, 0 <= --noise <= 1, --distil >= 0")
    rng = random.Random(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    with open(os.path.join(datasets_dir, "bitext-customer-service.json"), encoding="utf-8") as f:
        rows = json.load(f)["train"]
    by_intent: dict = {}
    for r in rows:
        by_intent.setdefault(MERGE.get(r["intent"], r["intent"]), []).append(r["text"])
    intents = sorted(by_intent)
    src = package_model_dir()
    tok = AutoTokenizer.from_pretrained(src, local_files_only=True)
    bert = AutoModel.from_pretrained(src, local_files_only=True)
    enc = SentenceEncoder(bert)
    teacher = copy.deepcopy(enc).eval().requires_grad_(False) if distil > 0 else None
    enc.train()
    opt = torch.optim.AdamW(enc.parameters(), lr=lr)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps))
    owner = torch.tensor([i for i in range(len(intents)) for _ in range(pairs)])
    # Same intent, other pair: not a negative (it is a paraphrase), so it is masked out of the softmax.
    same = (owner[:, None] == owner[None, :]) & ~torch.eye(len(owner), dtype=torch.bool)
    labels = torch.arange(len(owner))
    print(f"finetune: {len(intents)} intents, {len(owner)} pairs a step, {steps} steps, lr {lr}, noise {noise}, distil {distil}, seed {seed}", flush=True)
    t0 = time.monotonic()
    for step in range(steps):
        a, b = [], []
        for it in intents:
            for x, y in zip(*[iter(rng.sample(by_intent[it], 2 * pairs))] * 2):
                a.append(noisy(x, rng) if rng.random() < noise else x.lower())
                # Lower-cased as the app's normaliser does, so training sees what the encoder will see.
                b.append(y.lower())
        ta = tok(a, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        tb = tok(b, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        va = enc(ta["input_ids"], ta["attention_mask"])
        vb = enc(tb["input_ids"], tb["attention_mask"])
        sim = (SCALE * va @ vb.T).masked_fill(same, float("-inf"))
        loss = (torch.nn.functional.cross_entropy(sim, labels) + torch.nn.functional.cross_entropy(sim.T, labels)) / 2
        if teacher is not None:
            with torch.no_grad():
                vt = teacher(tb["input_ids"], tb["attention_mask"])
            loss = loss + distil * (1 - (vb * vt).sum(1)).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 50 == 0 or step == steps - 1:
            print(f"finetune: step {step} loss {loss.item():.4f} ({(time.monotonic() - t0) / (step + 1):.2f} s/step)", flush=True)
    seconds = time.monotonic() - t0
    os.makedirs(out_dir, exist_ok=True)
    enc.bert.save_pretrained(out_dir)
    tok.save_pretrained(out_dir)
    with open(os.path.join(out_dir, "finetune.json"), "w", encoding="utf-8") as f:
        json.dump({"steps": steps, "lr": lr, "pairs": pairs, "noise": noise, "distil": distil, "seed": seed, "intents": len(intents), "s_per_step": round(seconds / steps, 3)}, f)


if __name__ == "__main__":
    main()
