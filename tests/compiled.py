"""Compiled once per test process: the templates and the URL rules of the application.

Every test builds its own application (`create_app`), and with it a fresh Jinja
environment and a fresh URL map. Without this, each of some 1,400 tests per run (three
runs per `make test`) compiled again the ~230 URL rules (two Python functions each, made
from an AST: most of `create_app`'s time) and parsed and compiled every template it
rendered (about a third of an ordinary test's time). What they compile to depends only
on their source and a few settings, the same in every test, so the first application of
a process compiles and the others reuse:

- templates through Jinja's own bytecode cache, keyed by template name and source
  checksum (an edited template compiles afresh) and by how the environment compiles
  (extensions, autoescape, finalize, delimiters): an application set up differently never
  runs code compiled for another;
- URL builders through a memo around Werkzeug's `Rule._compile_builder` (Werkzeug is
  pinned; if the method ever changes shape the memo stands aside and each rule compiles
  as before). A builder is a plain function of the rule's parsed parts and defaults, bound
  to its rule when called, so rules alike in everything that goes into it share one.

Production is unchanged: a worker compiles each rule and template once and keeps it for its life.
"""
import inspect

import jinja2
from flask import Flask
from werkzeug.routing import Rule


def _name(value):
    return getattr(value, "__qualname__", None) or repr(value)


def _compiles_as(environment):
    """What, besides the source, decides the code a template compiles to in `environment`."""
    return (tuple(sorted(environment.extensions)), _name(environment.autoescape), _name(environment.finalize),
            environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
            environment.keep_trailing_newline, environment.optimized, environment.block_start_string,
            environment.variable_start_string, environment.comment_start_string,
            environment.line_statement_prefix, environment.line_comment_prefix)


class ProcessBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, shared by every application of this test process."""

    def __init__(self):
        self._code = {}

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, f"{name}\0{_compiles_as(environment)}", filename, source)

    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


def _builder_key(rule, append_unknown):
    """Everything Werkzeug's builder of `rule` is made from."""
    defaults = tuple(sorted((key, type(value).__name__, repr(value)) for key, value in (rule.defaults or {}).items()))
    converters = tuple(sorted((name, type(converter).__qualname__, repr(vars(converter).get("regex")))
                              for name, converter in rule._converters.items()))
    return (type(rule), rule.rule, tuple(rule._trace), defaults, converters, append_unknown)


def _share_url_builders():
    original = Rule.__dict__.get("_compile_builder")
    if original is None or list(inspect.signature(original).parameters) != ["self", "append_unknown"]:
        return  # not the Werkzeug this was written for: every rule compiles its own, as before
    builders = {}

    def _compile_builder(self, append_unknown=True):
        key = _builder_key(self, append_unknown)
        if key not in builders:
            builders[key] = original(self, append_unknown)
        return builders[key]

    Rule._compile_builder = _compile_builder


def compile_once():
    """Every Flask application created from now on in this process shares what was compiled."""
    Flask.jinja_options = {**Flask.jinja_options, "bytecode_cache": ProcessBytecodeCache()}
    _share_url_builders()
