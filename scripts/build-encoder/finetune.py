"""Optional build step: contrastive fine-tuning of all-MiniLM-L6-v2 on the Bitext customer-service
corpus (../shared/datasets/bitext-customer-service.json, CDLA-Sharing-1.0: trained weights are not
restricted by it). banking77 and every test split stay out, so their figures remain fair transfer.

Each step takes one pair of different phrasings of the same request from each of 28 intents (one
pair per intent: no in-batch negative is a paraphrase), and minimises the symmetric in-batch
cross-entropy of scaled cosines (multiple-negatives ranking loss). CPU, one thread, fixed seeds.

Usage: python finetune.py DATASETS_DIR OUT_DIR [--steps N]
"""
import json
import os
import random
import sys

import torch
from transformers import AutoModel, AutoTokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import MAX_TOKENS, SentenceEncoder, package_model_dir  # noqa: E402

SCALE = 20.0
LR = 2e-5
SEED = 7


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    datasets_dir, out_dir = args[0], args[1]
    steps = int(sys.argv[sys.argv.index("--steps") + 1]) if "--steps" in sys.argv else 400
    random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    with open(os.path.join(datasets_dir, "bitext-customer-service.json"), encoding="utf-8") as f:
        rows = json.load(f)["train"]
    by_intent = {}
    for r in rows:
        by_intent.setdefault(r["intent"], []).append(r["text"])
    intents = sorted(by_intent)
    src = package_model_dir()
    tok = AutoTokenizer.from_pretrained(src, local_files_only=True)
    bert = AutoModel.from_pretrained(src, local_files_only=True)
    enc = SentenceEncoder(bert)
    enc.train()
    opt = torch.optim.AdamW(enc.parameters(), lr=LR)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 40) * max(0.0, 1 - s / steps))
    for step in range(steps):
        a, b = [], []
        for it in intents:
            x, y = random.sample(by_intent[it], 2)
            # Lower-cased as the app's normaliser does, so training sees what the encoder will see.
            a.append(x.lower())
            b.append(y.lower())
        ta = tok(a, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        tb = tok(b, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        va = enc(ta["input_ids"], ta["attention_mask"])
        vb = enc(tb["input_ids"], tb["attention_mask"])
        sim = SCALE * va @ vb.T
        labels = torch.arange(len(intents))
        loss = (torch.nn.functional.cross_entropy(sim, labels) + torch.nn.functional.cross_entropy(sim.T, labels)) / 2
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 50 == 0 or step == steps - 1:
            print(f"finetune: step {step} loss {loss.item():.4f}", flush=True)
    os.makedirs(out_dir, exist_ok=True)
    enc.bert.save_pretrained(out_dir)
    tok.save_pretrained(out_dir)


if __name__ == "__main__":
    main()
