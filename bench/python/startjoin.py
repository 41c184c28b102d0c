"""Issue 2's Python baseline: start() + join() of a spawned Process with an empty target."""

import multiprocessing
import time

import rounds


def empty():
    pass


def start_join():
    """Wall time of one multiprocessing spawn Process start() + join() of an empty target."""
    context = multiprocessing.get_context("spawn")
    began = time.perf_counter()
    process = context.Process(target=empty)
    process.start()
    process.join()
    seconds = time.perf_counter() - began
    if process.exitcode != 0:
        raise SystemExit(f"the empty process ended with exit code {process.exitcode}")
    return {"seconds": seconds}


if __name__ == "__main__":
    rounds.serve(start_join)
