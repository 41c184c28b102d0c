"""The protocol between the Java harness and a Python baseline.

A baseline script defines a function that does its work once and returns its
metrics as a dict of numbers in SI base units ({"seconds": 0.084}), then calls
serve(that_function) under its `if __name__ == "__main__":` guard.

Run by the harness (bench/run), the script does one round per line it reads on
stdin and answers each with one JSON line on stdout, so that the harness can
interleave it with the Java contenders round by round. Run by hand with
--rounds N, it does N rounds and prints N JSON lines:

    python3 bench/python/startjoin.py --rounds 5
"""

import argparse
import json
import sys


def serve(run_round):
    parser = argparse.ArgumentParser(description=run_round.__doc__)
    parser.add_argument("--rounds", type=int,
                        help="run this many rounds, then exit (default: one per stdin line)")
    arguments = parser.parse_args()
    if arguments.rounds is not None:
        for _ in range(arguments.rounds):
            answer(run_round())
    else:
        for _ in sys.stdin:
            answer(run_round())


def answer(metrics):
    print(json.dumps(metrics), flush=True)
