"""A recording stand-in for a Meilisearch server, for the contract suite.

No Meilisearch binary can be installed on these machines, so the engine
(marketplace/search/meili.py, through the official `meilisearch` client) talks to
this small HTTP server on 127.0.0.1 and a free port. It

- records every request and checks it against Meilisearch's OpenAPI document
  (`meili_contract.Contract`): the route exists, the query parameters and the JSON
  body follow the request schemas. A request that does not is answered 400
  `bad_request`, as the real server would refuse it, and the problem is kept in
  `problems` (the tests assert there are none);
- answers like Meilisearch does, with bodies that are themselves checked against the
  document's response schemas: writes are tasks (enqueued, then polled on
  /tasks/{uid} until they succeed or fail, with Meilisearch's error codes),
  settings are kept, documents stored, and searches answered over the stored
  documents: filters in Meilisearch's own grammar (`meili_filter`, refusing
  attributes that are not filterable as `invalid_search_filter`), facets, sort
  (`invalid_search_sort` for attributes not sortable), both pagination styles,
  `attributesToRetrieve`. Words match whole words of the searchable attributes, the
  last one also as a prefix (strategy `all`; `last` drops words from the end);
  relevance beyond that is not Meilisearch's and no test relies on it;
- fails on purpose when a test asks (`fail_request`, `fail_task`), answering with
  the error bodies the document describes.
"""
import itertools
import json
import math
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.search.meili_filter import FilterError, compile_filter


class MeiliError(Exception):
    def __init__(self, status, code, message, kind="invalid_request"):
        super().__init__(message)
        self.status, self.code, self.message, self.kind = status, code, message, kind

    def body(self):
        return {"message": self.message, "code": self.code, "type": self.kind,
                "link": f"https://docs.meilisearch.com/errors#{self.code}"}


@dataclass
class Exchange:
    method: str
    path: str
    query: dict
    body: object
    operation: object
    status: int = 0
    answer: object = None
    problems: list = field(default_factory=list)

    @property
    def route(self):
        return f"{self.method} {self.operation.template}" if self.operation else f"{self.method} {self.path}"


def _now():
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


_WORDS = re.compile(r"\w+", re.UNICODE)


class FakeMeilisearch:
    def __init__(self, contract, api_key=None):
        self.contract, self.api_key = contract, api_key
        self.indexes = {}  # uid -> {"primaryKey", "settings", "documents", "createdAt", "updatedAt"}
        self.tasks = {}
        self.exchanges, self.problems = [], []
        self.polls_before_done = 0  # how many polls of a task answer "processing" first
        self._task_ids = itertools.count()
        self._request_failures, self._task_failures = [], []
        self._lock = threading.RLock()
        self._server = self._thread = None

    # --- running ---------------------------------------------------------------------

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                status, answer = fake.handle(self.command, self.path, self.headers, raw)
                data = b"" if answer is None else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)

    @property
    def url(self):
        return f"http://127.0.0.1:{self._server.server_port}"

    # --- what a test asks for ---------------------------------------------------------

    def fail_request(self, method, template, status, code, message, kind="invalid_request", times=1):
        """The next `times` requests of that route are answered with this error."""
        self._request_failures.append([method.upper(), template, MeiliError(status, code, message, kind), times])

    def fail_task(self, task_type, code, message, kind="invalid_request", times=1):
        """The next `times` tasks of that type fail with this error (and change nothing)."""
        self._task_failures.append([task_type, MeiliError(400, code, message, kind), times])

    def document_ids(self, uid):
        """The ids of the documents an index holds, as integers (the engine's ids)."""
        return {int(key) for key in self.indexes.get(uid, {"documents": {}})["documents"]}

    def routes(self):
        return [exchange.route for exchange in self.exchanges]

    def requests_to(self, template, method=None):
        return [e for e in self.exchanges if e.operation and e.operation.template == template
                and (method is None or e.method == method.upper())]

    def searches(self):
        """Every search query sent, in order (each query of each multi-search)."""
        return [query for e in self.requests_to("/multi-search") for query in (e.body or {}).get("queries", [])]

    def forget(self):
        self.exchanges.clear()

    # --- one request ------------------------------------------------------------------

    def handle(self, method, raw_path, headers, raw_body):
        with self._lock:
            url = urlsplit(raw_path)
            query = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            operation = self.contract.operation(method, url.path)
            exchange = Exchange(method.upper(), url.path, query, None, operation)
            self.exchanges.append(exchange)
            try:
                if operation is None:
                    exchange.problems.append(f"{method} {url.path} is not a route of the document")
                    raise MeiliError(404, "bad_request", f"{url.path} not found")
                if raw_body:
                    try:
                        exchange.body = json.loads(raw_body)
                    except ValueError:
                        exchange.problems.append("the body is not JSON")
                        raise MeiliError(400, "bad_request", "The json payload provided is malformed.")
                exchange.problems += self.contract.request_problems(operation, query, exchange.body,
                                                                    headers.get("Content-Type"))
                if exchange.problems:
                    raise MeiliError(400, "bad_request", "; ".join(exchange.problems))
                self._authorize(headers)
                self._scripted_failure(exchange)
                status, answer = self._dispatch(operation.template, exchange, url.path)
            except MeiliError as error:
                status, answer = error.status, error.body()
            exchange.status, exchange.answer = status, answer
            self._check_answer(exchange)
            self.problems += [f"{exchange.route}: {p}" for p in exchange.problems]
            return status, answer

    def _authorize(self, headers):
        if not self.api_key:
            return
        given = headers.get("Authorization")
        if not given:
            raise MeiliError(401, "missing_authorization_header",
                             "The Authorization header is missing. It must use the bearer authorization method.",
                             "auth")
        if given != f"Bearer {self.api_key}":
            raise MeiliError(403, "invalid_api_key", "The provided API key is invalid.", "auth")

    def _scripted_failure(self, exchange):
        for failure in self._request_failures:
            method, template, error, times = failure
            if times and method == exchange.method and template == exchange.operation.template:
                failure[3] -= 1
                raise error

    def _check_answer(self, exchange):
        federated = bool((exchange.body or {}).get("federation")) if isinstance(exchange.body, dict) else False
        pointer = None
        if exchange.operation is not None:
            pointer = self.contract.response_pointer(exchange.operation, exchange.status, federated)
        if pointer is None and exchange.status >= 400:
            pointer = self.contract.component("ResponseError")
        if pointer is not None and exchange.answer is not None:
            exchange.problems += [f"fake answer: {p}" for p in
                                  self.contract.problems(pointer, exchange.answer, "answer")]

    # --- routes -----------------------------------------------------------------------

    def _dispatch(self, template, exchange, path):
        params = re.match(r"^/indexes/([^/]+)", path)
        uid = params.group(1) if params else None
        body, ok = exchange.body, exchange.operation.success_status()
        if template == "/health":
            return ok, {"status": "available"}
        if template == "/indexes" and exchange.method == "POST":
            return ok, self._enqueue("indexCreation", body["uid"], lambda: self._create(body["uid"], body.get(
                "primaryKey")), {"primaryKey": body.get("primaryKey")})
        if template == "/indexes/{indexUid}" and exchange.method == "DELETE":
            return ok, self._enqueue("indexDeletion", uid, lambda: self._delete_index(uid), {"deletedDocuments": 0})
        if template == "/indexes/{indexUid}/settings" and exchange.method == "PATCH":
            return ok, self._enqueue("settingsUpdate", uid, lambda: self._settings(uid, body), dict(body))
        if template == "/indexes/{indexUid}/documents" and exchange.method == "POST":
            return ok, self._enqueue("documentAdditionOrUpdate", uid,
                                     lambda: self._add(uid, body, exchange.query.get("primaryKey")),
                                     {"receivedDocuments": len(body), "indexedDocuments": len(body)})
        if template == "/indexes/{indexUid}/documents/delete-batch":
            return ok, self._enqueue("documentDeletion", uid, lambda: self._delete_documents(uid, body),
                                     {"providedIds": len(body), "deletedDocuments": 0})
        if template == "/swap-indexes":
            if any(len(swap["indexes"]) != 2 for swap in body):
                raise MeiliError(400, "invalid_swap_indexes", "Two indexes must be given for each swap.")
            return ok, self._enqueue("indexSwap", None, lambda: self._swap(body), {"swaps": body})
        if template == "/indexes/{indexUid}/stats":
            index = self._index(uid)
            documents = index["documents"].values()
            fields = {}
            for document in documents:
                for name in document:
                    fields[name] = fields.get(name, 0) + 1
            return ok, {"numberOfDocuments": len(index["documents"]), "rawDocumentDbSize": 0, "avgDocumentSize": 0,
                        "isIndexing": False, "fieldDistribution": fields}
        if template == "/tasks/{taskUid}":
            return ok, self._task_view(path.rsplit("/", 1)[1])
        if template == "/multi-search":
            return ok, {"results": [self._search(position, query) for position, query in enumerate(body["queries"])]}
        raise MeiliError(501, "internal", f"the contract suite's fake does not serve {template}", "internal")

    # --- tasks --------------------------------------------------------------------------

    def _enqueue(self, kind, uid, effect, details):
        number = next(self._task_ids)
        task = {"uid": number, "batchUid": number, "indexUid": uid, "status": "enqueued", "type": kind,
                "canceledBy": None, "details": details, "error": None, "duration": None, "enqueuedAt": _now(),
                "polls": self.polls_before_done}
        error = self._planned_task_failure(kind)
        if error is None:
            try:
                result = effect()
                if isinstance(result, dict):
                    details.update(result)
            except MeiliError as failed:
                error = failed
        task["final"], task["error_body"] = ("failed", error.body()) if error else ("succeeded", None)
        self.tasks[number] = task
        return {"taskUid": number, "indexUid": uid, "status": "enqueued", "type": kind,
                "enqueuedAt": task["enqueuedAt"]}

    def _planned_task_failure(self, kind):
        for failure in self._task_failures:
            if failure[2] and failure[0] == kind:
                failure[2] -= 1
                return failure[1]
        return None

    def _task_view(self, raw_uid):
        task = self.tasks.get(int(raw_uid)) if raw_uid.isdigit() else None
        if task is None:
            raise MeiliError(404, "task_not_found", f"Task `{raw_uid}` not found.")
        view = {k: v for k, v in task.items() if k not in ("polls", "final", "error_body")}
        view["startedAt"] = task["enqueuedAt"]
        if task["polls"] > 0:
            task["polls"] -= 1
            view["status"] = "processing"
            return view
        view.update(status=task["final"], error=task["error_body"], duration="PT0.001S", finishedAt=_now())
        return view

    # --- what tasks do -------------------------------------------------------------------

    def _index(self, uid, status=404):
        index = self.indexes.get(uid)
        if index is None:
            raise MeiliError(status, "index_not_found", f"Index `{uid}` not found.")
        return index

    def _create(self, uid, primary_key):
        if uid in self.indexes:
            raise MeiliError(400, "index_already_exists", f"Index `{uid}` already exists.")
        self.indexes[uid] = {"primaryKey": primary_key, "settings": {}, "documents": {}, "createdAt": _now()}

    def _ensure(self, uid):
        if uid not in self.indexes:
            self._create(uid, None)
        return self.indexes[uid]

    def _delete_index(self, uid):
        self._index(uid)
        return {"deletedDocuments": len(self.indexes.pop(uid)["documents"])}

    def _settings(self, uid, settings):
        self._ensure(uid)["settings"].update(settings)

    def _add(self, uid, documents, primary_key):
        index = self._ensure(uid)
        key = index["primaryKey"] = index["primaryKey"] or primary_key
        for document in documents:
            if key is None or key not in document:
                raise MeiliError(400, "missing_document_id", f"Document doesn't have a `{key}` attribute: "
                                 f"`{json.dumps(document)[:100]}`.")
        for document in documents:
            index["documents"][str(document[key])] = document  # Meilisearch keeps ids as strings: 7 is "7"

    def _delete_documents(self, uid, ids):
        index = self._index(uid, status=400)
        deleted = [i for i in ids if index["documents"].pop(str(i), None) is not None]
        return {"deletedDocuments": len(deleted)}

    def _swap(self, swaps):
        for swap in swaps:
            first, second = swap["indexes"]
            self._index(first, status=400), self._index(second, status=400)
            self.indexes[first], self.indexes[second] = self.indexes[second], self.indexes[first]

    # --- search ---------------------------------------------------------------------------

    def _search(self, position, query):
        uid = query["indexUid"]
        index = self.indexes.get(uid)
        if index is None:
            raise MeiliError(404, "index_not_found", f"Inside `.queries[{position}]`: Index `{uid}` not found.")
        settings = index["settings"]
        filterable = settings.get("filterableAttributes") or []
        sortable = settings.get("sortableAttributes") or []
        try:
            keep = compile_filter(query.get("filter"), filterable)
        except FilterError as error:
            raise MeiliError(400, "invalid_search_filter", f"Inside `.queries[{position}]`: {error}")
        for facet in query.get("facets") or []:
            if facet not in filterable:
                raise MeiliError(400, "invalid_search_facets", f"Inside `.queries[{position}]`: Invalid facet "
                                 f"distribution: Attribute `{facet}` is not filterable.")
        documents = [d for d in index["documents"].values() if keep(d)]
        documents = self._matching(documents, query.get("q") or "", settings, query.get("matchingStrategy", "last"))
        for rule in reversed(query.get("sort") or []):
            name, _, direction = rule.partition(":")
            if name not in sortable or direction not in ("asc", "desc"):
                raise MeiliError(400, "invalid_search_sort", f"Inside `.queries[{position}]`: Attribute `{name}` "
                                 "is not sortable.")
            documents.sort(key=lambda d: (d.get(name) is None, d.get(name)), reverse=direction == "desc")
        result = {"indexUid": uid, "query": query.get("q") or "", "processingTimeMs": 0}
        if "page" in query or "hitsPerPage" in query:
            page, per_page = query.get("page") or 1, query.get("hitsPerPage", 20)
            hits = documents[(page - 1) * per_page:page * per_page] if per_page else []
            result.update(page=page, hitsPerPage=per_page, totalHits=len(documents),
                          totalPages=math.ceil(len(documents) / per_page) if per_page else 0)
        else:
            offset, limit = query.get("offset") or 0, query.get("limit", 20)
            hits = documents[offset:offset + limit]
            result.update(offset=offset, limit=limit, estimatedTotalHits=len(documents))
        shown = set(settings.get("displayedAttributes") or ["*"])
        wanted = set(query.get("attributesToRetrieve") or ["*"])
        result["hits"] = [{k: v for k, v in d.items() if ("*" in shown or k in shown) and ("*" in wanted or
                                                                                          k in wanted)} for d in hits]
        if query.get("facets"):
            distribution, stats = {}, {}
            for facet in query["facets"]:
                counts = {}
                for document in documents:
                    for value in (document.get(facet) if isinstance(document.get(facet), list)
                                  else [document.get(facet)]):
                        if value is not None:
                            counts[str(value)] = counts.get(str(value), 0) + 1
                distribution[facet] = counts
                numbers = [d[facet] for d in documents if isinstance(d.get(facet), (int, float))]
                if numbers:
                    stats[facet] = {"min": min(numbers), "max": max(numbers)}
            result.update(facetDistribution=distribution, facetStats=stats)
        return result

    def _matching(self, documents, q, settings, strategy):
        words = _WORDS.findall(q.lower())
        if not words:
            return documents
        fields = settings.get("searchableAttributes") or ["*"]

        def vocabulary(document):
            texts = [v for k, v in document.items() if isinstance(v, str) and ("*" in fields or k in fields)]
            return set(_WORDS.findall(" ".join(texts).lower()))

        def matches(vocab, wanted, last_is_prefix):
            return all(w in vocab or (last_is_prefix and i == len(wanted) - 1 and any(v.startswith(w) for v in vocab))
                       for i, w in enumerate(wanted))

        vocabularies = [(d, vocabulary(d)) for d in documents]
        found = [d for d, vocab in vocabularies if matches(vocab, words, True)]
        if found or strategy != "last":
            return found
        for size in range(len(words) - 1, 0, -1):
            found = [d for d, vocab in vocabularies if matches(vocab, words[:size], False)]
            if found:
                return found
        return []
