"""OR-Tools CP-SAT on one OR-Library SMPTSP (ptask) instance, the reference for benches/smptsp.rs.

Usage: smptsp_cpsat.py FILE --time-limit SECS [--lower-bound LB]

Model: x[j, w] for each qualified (job, worker) pair and y[w] for "worker w is used"; every job
goes to exactly one worker; for every maximal clique of overlapping jobs (closed intervals: a job
ending at t and one starting at t overlap) and every worker, the worker's jobs in the clique sum
to at most y[w]; minimise the sum of y. The one extra constraint is sum(y) >= LB when the caller
passes the clique lower bound (it is valid for every plan). One search thread (num_workers = 1),
like our solver. The time limit is CP-SAT's own search time: building the model in Python
(tens of seconds on the largest instances) is not counted against it, but reported.

Prints one JSON object: workers_used (null when no plan was found), bound, status, wall_time
(seconds in the solver), build_time (seconds reading the file and building the model) and
assignment (worker per job, file order, or null).
"""

import argparse
import json
import sys
import time


def read(path):
    lines = [l.strip() for l in open(path) if l.strip() and not l.lstrip().startswith("#")]
    at = 0
    if lines[at].startswith("Type"):
        at += 1
    n = int(lines[at].split("=")[1])
    jobs = [tuple(int(x) for x in lines[at + 1 + i].split()) for i in range(n)]
    at += 1 + n
    w = int(lines[at].split("=")[1])
    qualified = []
    for i in range(w):
        _, rest = lines[at + 1 + i].split(":")
        qualified.append([int(x) for x in rest.split()])
    return jobs, qualified


def maximal_cliques(jobs):
    # Starts sort before ends at equal times (closed intervals).
    events = sorted([(s, 0, j) for j, (s, e) in enumerate(jobs)] + [(e, 1, j) for j, (s, e) in enumerate(jobs)])
    running, cliques, grew = set(), [], False
    for _, is_end, j in events:
        if is_end:
            if grew:
                cliques.append(sorted(running))
                grew = False
            running.discard(j)
        else:
            running.add(j)
            grew = True
    return cliques


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--time-limit", type=float, required=True)
    parser.add_argument("--lower-bound", type=int, default=0)
    args = parser.parse_args()
    began = time.monotonic()

    from ortools.sat.python import cp_model

    jobs, qualified = read(args.file)
    model = cp_model.CpModel()
    y = [model.NewBoolVar(f"y{w}") for w in range(len(qualified))]
    x = {}
    for w, js in enumerate(qualified):
        for j in js:
            x[j, w] = model.NewBoolVar(f"x{j}_{w}")
    workers_of = [[] for _ in jobs]
    for j, w in x:
        workers_of[j].append(w)
    for j, ws in enumerate(workers_of):
        model.AddExactlyOne(x[j, w] for w in ws)
    for clique in maximal_cliques(jobs):
        per_worker = {}
        for j in clique:
            for w in workers_of[j]:
                per_worker.setdefault(w, []).append(x[j, w])
        for w, xs in per_worker.items():
            model.Add(sum(xs) <= y[w])
    if args.lower_bound > 0:
        model.Add(sum(y) >= args.lower_bound)
    model.Minimize(sum(y))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = args.time_limit
    built = time.monotonic()
    status = solver.Solve(model)
    solved = time.monotonic()
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assignment = None
    if found:
        assignment = [next(w for w in ws if solver.Value(x[j, w])) for j, ws in enumerate(workers_of)]
    json.dump(
        {
            "workers_used": round(solver.ObjectiveValue()) if found else None,
            "bound": solver.BestObjectiveBound(),
            "status": solver.StatusName(status),
            "wall_time": solved - built,
            "build_time": built - began,
            "assignment": assignment,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
