"""The ceiling of the page cache benchmark: a bare Flask "hello" served by the same gunicorn."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
@app.get("/healthz")
def hello():
    return "hello"
