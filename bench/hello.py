"""The ceiling of the benchmarks: a bare Flask "hello" served by the same gunicorn, with the
same configuration, on the same machine, in the same run. Every throughput in
BENCHMARKS.md is also given as a share of this one, because the machine is shared and
noisy: ratios measured side by side move much less than raw figures."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"
