#!/usr/bin/python3
"""Writes examples/bert-sentiment/model: a stand-in for a local snapshot of google-bert/bert-base-uncased.

The file names, config.json and the model card's metadata are those of the real repository at commit
86b5e0934494bd15c9632b12f734a8a67f723594; the weights are tiny (a few hundred numbers) so the example stays
small, and the card's prose is our own summary. The folder is laid out as `hf download --local-dir` leaves
it: the files, plus .cache/huggingface/download/{path}.metadata recording the commit and each file's ETag
(the LFS SHA-256 for weights, the git blob id for the rest), which is how `modelgate verify` and
`modelgate lock` learn the commit of a plain folder.

Run from the repository root:  /usr/bin/python3 tools/make-bert-example.py
Needs Debian's python3-torch (for pytorch_model.bin, written by torch.save as transformers does).
"""
import collections
import hashlib
import json
import os
import shutil
import struct

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "examples", "bert-sentiment", "model")
COMMIT = "86b5e0934494bd15c9632b12f734a8a67f723594"
# Written into the .metadata files; fixed so the example is byte-for-byte reproducible.
TIMESTAMP = "1732500000.0"
LFS_SUFFIXES = (".safetensors", ".bin", ".h5", ".msgpack", ".ot", ".onnx", ".pt", ".pkl")

CARD = """---
language: en
tags:
- exbert
license: apache-2.0
datasets:
- bookcorpus
- wikipedia
---

# BERT base model (uncased)

A transformer encoder pretrained on English text with a masked-language-modeling objective, introduced in
[this paper](https://arxiv.org/abs/1810.04805). It does not distinguish "english" from "English".

## Model description

BERT was pretrained without labels on raw text, with two objectives: predicting randomly masked words
(masked language modeling) and predicting whether two sentences follow each other (next sentence
prediction). The encoder learns a bidirectional representation of English that downstream classifiers
reuse.

## Intended uses & limitations

The raw model fills masked words or predicts sentence order; it is mostly meant to be fine-tuned on a
task that uses the whole sentence, such as sequence classification (sentiment), token classification or
question answering. For text generation, look at a decoder model instead.

### Limitations and bias

Even though the training data is fairly neutral, the model's predictions can be biased, and this bias
carries over to every fine-tuned version of it. Masked-word predictions for sentences about men and women
differ in ways that reflect occupational stereotypes.

## Training data

The model was pretrained on BookCorpus, about 11,000 unpublished books, and English Wikipedia (without
lists, tables and headers).

## Training procedure

### Preprocessing

Texts are lowercased and tokenized with WordPiece, vocabulary size 30,000. Inputs are pairs of sentences,
at most 512 tokens together; 15% of tokens are masked.

### Pretraining

Four cloud TPUs in Pod configuration (16 TPU chips), one million steps with batch size 256, Adam with
learning rate 1e-4.

## Evaluation results

When fine-tuned on downstream tasks, the model reaches the following GLUE results:

| Task | MNLI-(m/mm) | QQP | QNLI | SST-2 | CoLA | STS-B | MRPC | RTE | Average |
|:----:|:-----------:|:---:|:----:|:-----:|:----:|:-----:|:----:|:---:|:-------:|
|      | 84.6/83.4   | 71.2| 90.5 | 93.5  | 52.1 | 85.8  | 88.9 | 66.4| 79.6    |

### BibTeX entry and citation info

```bibtex
@article{DBLP:journals/corr/abs-1810-04805,
  author    = {Jacob Devlin and Ming{-}Wei Chang and Kenton Lee and Kristina Toutanova},
  title     = {{BERT:} Pre-training of Deep Bidirectional Transformers for Language Understanding},
  journal   = {CoRR},
  volume    = {abs/1810.04805},
  year      = {2018},
  url       = {http://arxiv.org/abs/1810.04805},
}
```
"""

CONFIG = collections.OrderedDict([
    ("architectures", ["BertForMaskedLM"]),
    ("attention_probs_dropout_prob", 0.1),
    ("gradient_checkpointing", False),
    ("hidden_act", "gelu"),
    ("hidden_dropout_prob", 0.1),
    ("hidden_size", 768),
    ("initializer_range", 0.02),
    ("intermediate_size", 3072),
    ("layer_norm_eps", 1e-12),
    ("max_position_embeddings", 512),
    ("model_type", "bert"),
    ("num_attention_heads", 12),
    ("num_hidden_layers", 12),
    ("pad_token_id", 0),
    ("position_embedding_type", "absolute"),
    ("transformers_version", "4.6.0.dev0"),
    ("type_vocab_size", 2),
    ("use_cache", True),
    ("vocab_size", 30522),
])

GITATTRIBUTES = "".join(f"*{suffix} filter=lfs diff=lfs merge=lfs -text\n" for suffix in LFS_SUFFIXES)

VOCAB = ["[PAD]"] + [f"[unused{i}]" for i in range(4)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"] + [
    "the", "a", "movie", "film", "was", "is", "great", "good", "bad", "terrible", "not", "very", "and",
    "but", "i", "loved", "hated", "it", "##s", "##ly", ".", ",", "!", "?",
]


def tiny_weights():
    """A few small tensors with the real parameter names, deterministic values."""
    generator = torch.Generator().manual_seed(1810)
    weights = collections.OrderedDict()
    weights["bert.embeddings.word_embeddings.weight"] = torch.randn(len(VOCAB), 8, generator=generator)
    weights["bert.embeddings.position_embeddings.weight"] = torch.randn(16, 8, generator=generator)
    weights["bert.embeddings.LayerNorm.weight"] = torch.ones(8)
    weights["bert.embeddings.LayerNorm.bias"] = torch.zeros(8)
    weights["cls.predictions.bias"] = torch.zeros(len(VOCAB))
    return weights


def write_safetensors(path, weights):
    """The safetensors layout: u64 little-endian header length, JSON header, then the raw tensor bytes."""
    header = {}
    data = bytearray()
    for name, tensor in weights.items():
        raw = tensor.contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)


def etag(path, name):
    with open(path, "rb") as f:
        content = f.read()
    if name.endswith(LFS_SUFFIXES):
        return hashlib.sha256(content).hexdigest()
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def main():
    if os.path.isdir(MODEL):
        shutil.rmtree(MODEL)
    os.makedirs(MODEL)
    files = {
        ".gitattributes": GITATTRIBUTES,
        "README.md": CARD,
        "config.json": json.dumps(CONFIG, indent=2) + "\n",
        "tokenizer_config.json": json.dumps({"do_lower_case": True, "model_max_length": 512}) + "\n",
        "vocab.txt": "".join(token + "\n" for token in VOCAB),
    }
    for name, text in files.items():
        with open(os.path.join(MODEL, name), "w", newline="\n") as f:
            f.write(text)
    weights = tiny_weights()
    write_safetensors(os.path.join(MODEL, "model.safetensors"), weights)
    torch.save(weights, os.path.join(MODEL, "pytorch_model.bin"))

    metadata = os.path.join(MODEL, ".cache", "huggingface", "download")
    os.makedirs(metadata)
    # huggingface_hub also writes .cache/huggingface/.gitignore ("*"); left out so git keeps the metadata.
    for name in sorted(os.listdir(MODEL)):
        path = os.path.join(MODEL, name)
        if not os.path.isfile(path):
            continue
        with open(os.path.join(metadata, name + ".metadata"), "w") as f:
            f.write(f"{COMMIT}\n{etag(path, name)}\n{TIMESTAMP}\n")
    print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
