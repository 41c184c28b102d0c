"""Issue 4's Python baseline for Queue: multiprocessing.Queue, fork start method.

Two Processes that live across rounds. The producer puts 200,000 ints, then
200,000 bytes objects of 1 KiB, for the parent to get (the clock runs from the
first element received to the last, as on the Java side). Then the parent puts
200,000 ints for the consumer; then the producer puts 200,000 ints for the
consumer; these two are timed from the request to the consumer's sum.
"""

import multiprocessing
import time

import rounds

COUNT = 200_000
BLOB = 1024
STOP, INTEGERS, BLOBS, INTEGERS_TO_SIBLING, FROM_PARENT, FROM_SIBLING = 0, 1, 2, 3, 4, 5
EXPECTED = COUNT * (COUNT - 1) // 2

_context = multiprocessing.get_context("fork")
_state = None


def produce(requests, integers, blobs, between):
    blob = bytearray(BLOB)
    request = requests.get()
    while request != STOP:
        if request == BLOBS:
            for i in range(COUNT):
                blob[0] = i & 0xFF
                blobs.put(bytes(blob))
        else:
            target = integers if request == INTEGERS else between
            for i in range(COUNT):
                target.put(i)
        request = requests.get()


def consume(requests, from_parent, between, sums):
    request = requests.get()
    while request != STOP:
        source = from_parent if request == FROM_PARENT else between
        total = 0
        for _ in range(COUNT):
            total += source.get()
        sums.put(total)
        request = requests.get()


def check(actual, expected):
    if actual != expected:
        raise SystemExit(f"wrong result: {actual} instead of {expected}")


def queue_round():
    """Child -> parent ints and 1 KiB bytes; parent -> child ints; child -> child ints."""
    global _state
    if _state is None:
        queues = [_context.Queue() for _ in range(7)]
        produce_requests, consume_requests, integers, blobs, to_child, between, sums = queues
        producer = _context.Process(target=produce,
                                    args=(produce_requests, integers, blobs, between))
        consumer = _context.Process(target=consume,
                                    args=(consume_requests, to_child, between, sums))
        producer.start()
        consumer.start()
        _state = (queues, producer, consumer)
    queues, _, _ = _state
    produce_requests, consume_requests, integers, blobs, to_child, between, sums = queues

    produce_requests.put(INTEGERS)
    total = integers.get()
    began = time.perf_counter()
    for _ in range(COUNT - 1):
        total += integers.get()
    ints = (COUNT - 1) / (time.perf_counter() - began)
    check(total, EXPECTED)

    produce_requests.put(BLOBS)
    size = len(blobs.get())
    began = time.perf_counter()
    for i in range(1, COUNT):
        blob = blobs.get()
        check(blob[0], i & 0xFF)
        size += len(blob)
    rate = (size - BLOB) / (time.perf_counter() - began)
    check(size, COUNT * BLOB)

    began = time.perf_counter()
    consume_requests.put(FROM_PARENT)
    for i in range(COUNT):
        to_child.put(i)
    check(sums.get(), EXPECTED)
    to_child_rate = COUNT / (time.perf_counter() - began)

    began = time.perf_counter()
    consume_requests.put(FROM_SIBLING)
    produce_requests.put(INTEGERS_TO_SIBLING)
    check(sums.get(), EXPECTED)
    siblings = COUNT / (time.perf_counter() - began)

    return {"ints": ints, "bytes": rate, "ints_to_child": to_child_rate,
            "ints_child_to_child": siblings}


def stop():
    if _state is not None:
        queues, producer, consumer = _state
        queues[0].put(STOP)
        queues[1].put(STOP)
        producer.join()
        consumer.join()


if __name__ == "__main__":
    try:
        rounds.serve(queue_round)
    finally:
        stop()
