"""Issue 4's Python baseline for Pipe: multiprocessing.Pipe, fork start method.

A Process that lives across rounds sends 200,000 ints one way, then echoes
20,000 round trips, each on request. The one-way clock runs from the first
message received to the last; each round trip is timed on its own.
"""

import multiprocessing
import time

import rounds

COUNT = 200_000
TRIPS = 20_000
ONE_WAY, PING_PONG, STOP = -1, -2, -3

_context = multiprocessing.get_context("fork")
_state = None


def serve(connection):
    request = connection.recv()
    while request != STOP:
        if request == ONE_WAY:
            for i in range(COUNT):
                connection.send(i)
        else:
            for _ in range(TRIPS):
                connection.send(connection.recv())
        request = connection.recv()


def pipe_round():
    """200,000 ints child -> parent; 20,000 timed round trips parent -> child -> parent."""
    global _state
    if _state is None:
        mine, theirs = _context.Pipe()
        child = _context.Process(target=serve, args=(theirs,))
        child.start()
        theirs.close()
        _state = (mine, child)
    connection, _ = _state

    connection.send(ONE_WAY)
    total = connection.recv()
    began = time.perf_counter()
    for _ in range(COUNT - 1):
        total += connection.recv()
    one_way = (COUNT - 1) / (time.perf_counter() - began)
    if total != COUNT * (COUNT - 1) // 2:
        raise SystemExit(f"wrong sum: {total}")

    connection.send(PING_PONG)
    trips = []
    for i in range(TRIPS):
        t = time.perf_counter_ns()
        connection.send(i)
        echoed = connection.recv()
        trips.append(time.perf_counter_ns() - t)
        if echoed != i:
            raise SystemExit(f"wrong echo: {echoed} for {i}")
    trips.sort()
    return {"one_way": one_way, "round_trip_median": trips[TRIPS // 2] / 1e9,
            "round_trip_p99": trips[TRIPS * 99 // 100] / 1e9}


def stop():
    if _state is not None:
        connection, child = _state
        connection.send(STOP)
        child.join()


if __name__ == "__main__":
    try:
        rounds.serve(pipe_round)
    finally:
        stop()
