"""A sentiment service: bert-base-uncased from ./model with a two-label classification head.

The team pulls the base model from the Hugging Face Hub and fine-tunes the head on its own reviews; this file
only serves it. Before it ships, the security review asks: are these exactly the bytes Google released, is the
model only a model, and are the dependencies free of known vulnerabilities?
"""
from fastapi import FastAPI
from pydantic import BaseModel
from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

MODEL_DIR = "./model"

tokenizer = AutoTokenizer.from_pretrained(MODEL_DIR)
# use_safetensors: never fall back to pytorch_model.bin, whose pickle could run code when loaded.
model = AutoModelForSequenceClassification.from_pretrained(MODEL_DIR, num_labels=2, use_safetensors=True)
classify = pipeline("sentiment-analysis", model=model, tokenizer=tokenizer)

app = FastAPI()


class Review(BaseModel):
    text: str


@app.post("/sentiment")
def sentiment(review: Review):
    result = classify(review.text[:2000])[0]
    return {"label": result["label"], "score": result["score"]}
