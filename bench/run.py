"""`make bench`: every benchmark of the project, one after the other (each writes its
section of BENCHMARKS.md).

    .venv/bin/python -m bench.run                       # all of them; the sustained load for 5 minutes
    .venv/bin/python -m bench.run --load-seconds 30     # a short sustained load, for a quick check
    .venv/bin/python -m bench.run --only load scale     # some of them
"""
import argparse

from bench import (load_bench, matching_bench, page_cache_bench, scale_bench, search_bench,
                   storefront_bench)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-seconds", type=int, default=300, help="how long the sustained load lasts")
    parser.add_argument("--only", nargs="+", choices=["search", "storefront", "matching", "scale", "page-cache",
                                                       "load"])
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    runs = {
        "search": lambda: search_bench.main([]),
        "storefront": lambda: storefront_bench.main([]),  # reuses the search benchmark's catalogue
        "matching": lambda: matching_bench.main([]),
        "scale": lambda: scale_bench.main(["--before", scale_bench.BEFORE]),
        # the settings of the figures in BENCHMARKS.md (10k products, 8 s a page)
        "page-cache": lambda: page_cache_bench.main(["--products", "10000", "--seconds", "8"]),
        "load": lambda: load_bench.main(["--seconds", str(args.load_seconds)]),
    }
    for name, run in runs.items():
        if args.only is None or name in args.only:
            run()


if __name__ == "__main__":
    main()
