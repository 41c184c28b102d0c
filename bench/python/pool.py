"""Issue 3's Python baseline: multiprocessing.Pool(2), fork start method.

20,000 trivial tasks (x * x) three ways on one pool that lives across rounds:
apply_async one by one then every result, imap with chunksize=1, map with its
default chunks; and, on a new pool each round, the time from Pool(2) to its
first result.
"""

import multiprocessing
import time

import rounds

TASKS = 20_000
EXPECTED_SUM = sum(i * i for i in range(TASKS))

_context = multiprocessing.get_context("fork")
_pool = None


def square(x):
    return x * x


def rate(began, total):
    seconds = time.perf_counter() - began
    if total != EXPECTED_SUM:
        raise SystemExit(f"wrong results: {total} instead of {EXPECTED_SUM}")
    return TASKS / seconds


def pool_round():
    """apply_async, imap(chunksize=1) and map of 20,000 x*x; Pool(2) to a first result."""
    global _pool
    if _pool is None:
        _pool = _context.Pool(2)
    pool = _pool

    began = time.perf_counter()
    pending = [pool.apply_async(square, (i,)) for i in range(TASKS)]
    apply_async = rate(began, sum(r.get() for r in pending))

    began = time.perf_counter()
    imap = rate(began, sum(pool.imap(square, range(TASKS), chunksize=1)))

    began = time.perf_counter()
    map_rate = rate(began, sum(pool.map(square, range(TASKS))))

    began = time.perf_counter()
    fresh = _context.Pool(2)
    value = fresh.apply(square, (3,))
    first_result = time.perf_counter() - began
    fresh.close()
    fresh.join()
    if value != 9:
        raise SystemExit(f"wrong first result: {value}")

    return {"apply_async": apply_async, "imap": imap, "map": map_rate,
            "first_result": first_result}


if __name__ == "__main__":
    rounds.serve(pool_round)
