"""PyVRP on one Solomon VRPTW instance under the DIMACS convention, for benches/vrptw.rs.

    python vrptw_pyvrp.py FILE --time-limit SECS --seed N

Reads the Solomon file with vrplib (instance_format="solomon") and builds PyVRP's model the
way `pyvrp.read(..., round_func="dimacs")` does for VRPLIB files: the same parser and builder
with the same rounding, every value ×10 and truncated, so an arc's length is floor(10·d) and
travel time equals it. Solves with `pyvrp.solve(data, MaxRuntime(limit), seed)`; PyVRP's
search is single-threaded (one core). Prints one JSON line:

    {"feasible": bool, "distance": tenths, "cost": …, "vehicles": n,
     "routes": [[customer ids]], "iterations": n, "wall_time": s, "build_time": s,
     "recomputed": tenths}

"recomputed" is the distance summed here again from the file's coordinates, apart from
PyVRP's matrix. Customer ids are the Solomon ids (a client's location is its row, the depot
at 0).
"""

import argparse
import json
import logging
import math
import sys
import time

import vrplib
from pyvrp import solve
from pyvrp.read import ROUND_FUNCS, _InstanceParser, _ProblemDataBuilder
from pyvrp.stop import MaxRuntime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--checkpoints",
        default="",
        help="seconds, comma-separated: the best feasible distance at each is printed too",
    )
    args = parser.parse_args()
    checkpoints = [float(t) for t in args.checkpoints.split(",") if t.strip()]
    # PyVRP logs to stdout; stdout carries only our JSON line.
    logging.getLogger("pyvrp").setLevel(logging.WARNING)

    began = time.perf_counter()
    instance = vrplib.read_instance(args.file, instance_format="solomon")
    coords = [tuple(map(float, c)) for c in instance["node_coord"]]
    # A VRPLIB file states its size; the Solomon reader leaves it out.
    instance.setdefault("dimension", len(coords))
    # What pyvrp.read(where, round_func="dimacs") does after reading a VRPLIB file.
    data = _ProblemDataBuilder(
        _InstanceParser(instance, ROUND_FUNCS["dimacs"])
    ).data()
    build_time = time.perf_counter() - began

    began = time.perf_counter()
    result = solve(
        data,
        stop=MaxRuntime(args.time_limit),
        seed=args.seed,
        collect_stats=bool(checkpoints),
        display=False,
    )
    wall_time = time.perf_counter() - began

    best = result.best
    # A route's activities name clients by index; a client's location is its Solomon
    # row, the depot being 0.
    routes = [
        [int(data.client(a.idx).location) for a in route if a.is_client()]
        for route in best.routes()
    ]
    routes = [r for r in routes if r]
    recomputed = 0
    for route in routes:
        path = [0, *route, 0]
        for a, b in zip(path, path[1:]):
            (xa, ya), (xb, yb) = coords[a], coords[b]
            recomputed += math.floor(10 * math.hypot(xa - xb, ya - yb))
    ids = [int(i) for i in _customer_ids(args.file)]
    answer = {
        "feasible": bool(best.is_feasible()),
        "distance": int(best.distance()),
        "cost": int(result.cost()) if best.is_feasible() else None,
        "vehicles": len(routes),
        "routes": [[ids[v] for v in route] for route in routes],
        "iterations": int(result.num_iterations),
        "wall_time": wall_time,
        "build_time": build_time,
        "recomputed": recomputed,
        "checkpoints": _at_checkpoints(result.stats, checkpoints),
    }
    print(json.dumps(answer))


def _at_checkpoints(stats, checkpoints: list[float]) -> list[int | None]:
    """The best feasible solution's cost (its distance here) after each checkpoint's
    seconds, from the per-iteration statistics; None while none is feasible."""
    values = []
    for checkpoint in checkpoints:
        elapsed, value = 0.0, None
        for runtime, datum in zip(stats.runtimes, stats.data):
            elapsed += runtime
            if elapsed > checkpoint:
                break
            if datum.best_feas:
                value = int(datum.best_cost)
        values.append(value)
    return values


def _customer_ids(path: str) -> list[int]:
    """The Solomon customer number of each row, the depot first."""
    ids = []
    with open(path) as fh:
        in_customers = False
        for line in fh:
            fields = line.split()
            if not fields:
                continue
            if fields[0].upper() == "CUSTOMER":
                in_customers = True
                continue
            if in_customers and len(fields) == 7:
                try:
                    ids.append(int(fields[0]))
                except ValueError:
                    pass
    return ids


if __name__ == "__main__":
    sys.exit(main())
