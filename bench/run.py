"""`make bench`: every benchmark of the project, one after the other (each writes its
section of BENCHMARKS.md)."""
from bench import matching_bench, matching_cold_bench, page_cache_bench, scale_bench, search_bench, storefront_bench


def main():
    search_bench.main([])
    storefront_bench.main([])
    matching_bench.main([])
    matching_cold_bench.main([])
    scale_bench.main(["--before", scale_bench.BEFORE])
    page_cache_bench.main([])


if __name__ == "__main__":
    main()
