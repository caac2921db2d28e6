"""OR-Tools CP-SAT on one staffing problem: the reference for benches/staffing.rs.

Usage: staffing_cpsat.py FILE --time-limit SECS [--threads 1] [--seed 1] [--log]

FILE holds either a bare problem in the engine's JSON format (docs/staffing.md) or
`{"problem": PROBLEM, "weights": {"work", "fairness", "continuity", "travel"}}` with the
engine's weights (`staffing::objective::Weights::for_problem`); without weights they are
computed here the same way.

The model is the engine's, rule for rule (crates/staffing/src/model.rs, plan.rs, objective.rs):

- Each task starts at one of the engine's candidate starts (`start_options`: every 15 minutes
  of its window, thinned evenly to at most 9, both ends included) or is left out:
  y[t, s] for each start s, sum_s y[t, s] <= 1.
- x[t, p] for each person p who fits task t statically (skills, lift, outdoors / indoor only,
  needs a colleague => people_needed >= 2, longest stretch, longest travel from home, and
  available at one of the task's starts); sum_p x[t, p] = people_needed * sum_s y[t, s].
  x[t, p] needs a start at which p is available: [s, s + duration) inside one availability
  window and s mod 1440 >= not_before.
- Per person: the weekly cap (booked + planned <= cap); an optional interval per task and a
  NoOverlap (never two tasks at once, also across days); and per person and day an exact
  route, a circuit through home and the tasks of that day the person may do: an arc t -> u
  forces start(u) >= start(t) + duration(t) + travel(t, u), as the checker demands for
  tasks on the same day. The arcs carry the travel minutes, so the travel term is exact:
  home -> first task, between consecutive tasks, last task -> home, every day.
- Objective, maximised: W_work * work + W_fair * fairness + W_cont * continuity - travel with
  fairness = sum_p floor(sqrt(10 * min(booked_p + planned_p, target_p))) through an element
  constraint (a lookup table over used minutes, in steps of the gcd of the person's task
  durations, booked and target minutes).

When the weighted objective could overflow int64 the solve is lexicographic instead: first
the most work (half the time), then the rest of the objective with work held at its best
(the other half). The answer says which.

Prints one JSON object: status, objective (CP-SAT's), bound, mode, wall_time (solver seconds),
build_time (model building), assignments [{task, start, people}] (indices), terms, stats.
"""

import argparse
import json
import math
import resource
import sys
import time

DAY = 1440
START_STEP = 15
MAX_STARTS = 9
INT64_MAX = 2**63 - 1


def start_options(task):
    """model.rs `start_options`, exactly."""
    early, late = task["earliest_start"], task["latest_start"]
    span = late - early
    if span <= 0:
        return [early]
    steps = max(span // START_STEP, 1)
    stride = max(-(-steps // (MAX_STARTS - 1)), 1) * START_STEP
    starts = []
    s = early
    while s < late:
        starts.append(s)
        s += stride
    starts.append(late)
    return starts


def travel_minutes(travel, a, b):
    """problem.rs `Travel::minutes` with domain's haversine, operation for operation."""
    if a[0] == b[0] and a[1] == b[1]:
        return 0
    radius = 6_371_008.8
    rads = math.pi / 180.0
    lat1, lat2 = a[0] * rads, b[0] * rads
    dlat = lat2 - lat1
    dlon = (b[1] - a[1]) * rads
    sa, so = math.sin(dlat / 2.0), math.sin(dlon / 2.0)
    h = sa * sa + math.cos(lat1) * math.cos(lat2) * (so * so)
    metres = 2.0 * radius * math.asin(math.sqrt(h))
    return math.ceil(metres * travel["detour"] / 1000.0 / travel["speed_kmh"] * 60.0)


def fairness_of(minutes):
    return math.isqrt(10 * max(minutes, 0))


def weights_for(problem, travel):
    """objective.rs `Weights::for_problem`."""
    tasks, people = problem["tasks"], problem["people"]
    needed = sum(t.get("people_needed", 1) for t in tasks)
    places = [t["place"] for t in tasks] + [p["home"] for p in people]
    if places:
        lats, lons = [q[0] for q in places], [q[1] for q in places]
        longest = travel_minutes(travel, (min(lats), min(lons)), (max(lats), max(lons))) + 1
    else:
        longest = 0
    cont = 2 * needed * longest + 1
    fair = cont * (needed + 1)
    work = fair * (sum(fairness_of(p["target_minutes"]) for p in people) + 1)
    return {"work": work, "fairness": fair, "continuity": cont, "travel": 1}


def available(person, start, end):
    nb = person["limits"].get("not_before")
    if nb is not None and start % DAY < nb:
        return False
    return any(a <= start and end <= b for a, b in person["availability"])


def static_fit(person, task, travel):
    lim = person["limits"]
    if not set(task.get("skills", [])) <= set(person.get("skills", [])):
        return False
    if lim.get("max_lift_kg") is not None and task.get("lift_kg", 0) > lim["max_lift_kg"]:
        return False
    if lim.get("indoor_only") and task.get("outdoors"):
        return False
    if lim.get("needs_colleague") and task.get("people_needed", 1) < 2:
        return False
    if lim.get("max_stretch_minutes") is not None and task["duration"] > lim["max_stretch_minutes"]:
        return False
    if lim.get("max_travel_minutes") is not None:
        if travel_minutes(travel, person["home"], task["place"]) > lim["max_travel_minutes"]:
            return False
    return True


def exact_bound(model, solver):
    """The best bound as an integer: BestObjectiveBound is a double, too coarse at 1e17."""
    objective = model.Proto().objective
    inner = solver.ResponseProto().inner_objective_lower_bound
    sf, offset = objective.scaling_factor or 1.0, objective.offset
    if sf in (1.0, -1.0) and offset == int(offset) and abs(inner) < 2**62:
        return int(sf) * (inner + int(offset))
    return None


def approx_travel_rules(m, p, mine_t, day, dur, allowed, between, start_var, x):
    """Travel feasibility without routes: for two same-day tasks of person p whose starts
    could leave less than the travel time between them (overlaps are the NoOverlap's), one
    must end, plus travel, before the other starts. Returns the number of pairs ruled."""
    ruled = 0
    for i, t in enumerate(mine_t):
        for u in mine_t[i + 1 :]:
            if day[t] != day[u]:
                continue
            tr_tu, tr_ut = between(t, u), between(u, t)
            if tr_tu == 0 and tr_ut == 0:
                continue
            A, B = allowed[t, p], allowed[u, p]
            if max(A) + dur[t] + tr_tu <= min(B) or max(B) + dur[u] + tr_ut <= min(A):
                continue  # always far enough apart in one order
            t_first = u_first = bad = False
            for s in A:
                for v in B:
                    if v >= s + dur[t] + tr_tu:
                        t_first = True
                    elif s >= v + dur[u] + tr_ut:
                        u_first = True
                    elif v >= s + dur[t] or s >= v + dur[u]:
                        bad = True  # no overlap, but no time to travel
            if not bad:
                continue
            ruled += 1
            both = [x[t, p], x[u, p]]
            if not t_first and not u_first:
                m.AddBoolOr([x[t, p].Not(), x[u, p].Not()])
            elif t_first and not u_first:
                m.Add(start_var[u] >= start_var[t] + dur[t] + tr_tu).OnlyEnforceIf(both)
            elif u_first and not t_first:
                m.Add(start_var[t] >= start_var[u] + dur[u] + tr_ut).OnlyEnforceIf(both)
            else:
                order = m.NewBoolVar(f"o{p}_{t}_{u}")
                m.Add(start_var[u] >= start_var[t] + dur[t] + tr_tu).OnlyEnforceIf(both + [order])
                m.Add(start_var[t] >= start_var[u] + dur[u] + tr_ut).OnlyEnforceIf(both + [order.Not()])
    return ruled


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--time-limit", type=float, required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log", action="store_true", help="CP-SAT's search log to stderr")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        help="a CP-SAT parameter, NAME=VALUE (repeatable); the benchmark uses the defaults",
    )
    parser.add_argument(
        "--travel",
        choices=["exact", "approx"],
        default="exact",
        help="exact: daily routes (circuits) with exact travel; approx: pairwise travel rules "
        "(feasibility still exact) and travel counted as a round trip home per task",
    )
    args = parser.parse_args()
    began = time.monotonic()

    from ortools.sat.python import cp_model

    data = json.load(open(args.file))
    problem = data["problem"] if "problem" in data else data
    travel = problem.get("travel") or {"speed_kmh": 15.0, "detour": 1.3}
    weights = data.get("weights") or weights_for(problem, travel)
    mine = weights_for(problem, travel)
    if weights != mine:
        print(f"note: weights given {weights}, computed here {mine}", file=sys.stderr)
    tasks, people = problem["tasks"], problem["people"]
    for p in people:
        p.setdefault("limits", {})
        p.setdefault("booked_minutes", 0)
        p.setdefault("skills", [])
        p.setdefault("companies_before", [])

    m = cp_model.CpModel()
    starts = [start_options(t) for t in tasks]
    for t, ss in enumerate(starts):
        if len({s // DAY for s in ss}) != 1:
            sys.exit(f"task {tasks[t]['id']}: its starts span two days; this reference model needs one")
    day = [ss[0] // DAY for ss in starts]
    dur = [t["duration"] for t in tasks]
    need = [t.get("people_needed", 1) for t in tasks]

    # Who may do what, and from which starts.
    allowed = {}  # (t, p) -> starts at which p is available
    home = {}  # (t, p) -> travel from p's home
    for t, task in enumerate(tasks):
        for p, person in enumerate(people):
            if not static_fit(person, task, travel):
                continue
            ok = [s for s in starts[t] if available(person, s, s + dur[t])]
            if ok:
                allowed[t, p] = ok
                home[t, p] = travel_minutes(travel, person["home"], task["place"])
    between_cache = {}

    def between(a, b):
        key = (a, b)
        if key not in between_cache:
            between_cache[key] = travel_minutes(travel, tasks[a]["place"], tasks[b]["place"])
        return between_cache[key]

    y = {}
    start_var = []
    placed = []
    for t in range(len(tasks)):
        ys = {s: m.NewBoolVar(f"y{t}_{s}") for s in starts[t]}
        y[t] = ys
        m.Add(sum(ys.values()) <= 1)
        placed.append(sum(ys.values()))
        if len(starts[t]) == 1:
            start_var.append(starts[t][0])
        else:
            v = m.NewIntVarFromDomain(cp_model.Domain.FromValues(starts[t]), f"s{t}")
            for s, lit in ys.items():
                m.Add(v == s).OnlyEnforceIf(lit)
            start_var.append(v)

    x = {}
    crew_of = [[] for _ in tasks]
    tasks_of = [[] for _ in people]
    for (t, p), ok in allowed.items():
        lit = m.NewBoolVar(f"x{t}_{p}")
        x[t, p] = lit
        crew_of[t].append(p)
        tasks_of[p].append(t)
        if len(ok) < len(starts[t]):
            m.Add(lit <= sum(y[t][s] for s in ok))
    for t in range(len(tasks)):
        if len(crew_of[t]) < need[t]:
            for lit in y[t].values():
                m.Add(lit == 0)
        m.Add(sum(x[t, p] for p in crew_of[t]) == need[t] * placed[t])

    # Per person: cap, no overlap, fairness and the daily routes with their travel.
    fair_terms, fair_const, travel_terms, arcs_total, pairs_total = [], 0, [], 0, 0
    for p, person in enumerate(people):
        booked, cap, target = person["booked_minutes"], person["cap_minutes"], person["target_minutes"]
        mine_t = tasks_of[p]
        planned = sum(dur[t] * x[t, p] for t in mine_t)
        if not mine_t:
            fair_const += fairness_of(min(booked, target))
            continue
        m.Add(planned <= cap - booked)
        m.AddNoOverlap(
            m.NewOptionalFixedSizeIntervalVar(start_var[t], dur[t], x[t, p], f"i{t}_{p}") for t in mine_t
        )
        g = math.gcd(booked, target, *(dur[t] for t in mine_t)) or 1
        q = m.NewIntVar(0, target // g, f"q{p}")
        top = min(target, booked + sum(dur[t] for t in mine_t))
        used = m.NewIntVar(0, booked + sum(dur[t] for t in mine_t), f"u{p}")
        m.Add(used == booked + planned)
        m.AddMinEquality(g * q, [used, target])
        table = [fairness_of(k * g) for k in range(target // g + 1)]
        f = m.NewIntVar(0, fairness_of(top), f"f{p}")
        m.AddElement(q, table, f)
        fair_terms.append(f)
        if args.travel == "exact":
            for d in sorted({day[t] for t in mine_t}):
                nodes = [t for t in mine_t if day[t] == d]
                arcs = []
                empty = m.NewBoolVar(f"e{p}_{d}")
                arcs.append((0, 0, empty))
                for i, t in enumerate(nodes, start=1):
                    arcs.append((i, i, x[t, p].Not()))
                    out_lit = m.NewBoolVar(f"ho{p}_{t}")
                    in_lit = m.NewBoolVar(f"hi{p}_{t}")
                    arcs.append((0, i, out_lit))
                    arcs.append((i, 0, in_lit))
                    travel_terms.append((home[t, p], out_lit))
                    travel_terms.append((home[t, p], in_lit))
                for i, t in enumerate(nodes, start=1):
                    for j, u in enumerate(nodes, start=1):
                        if t == u:
                            continue
                        gap = dur[t] + between(t, u)
                        if min(allowed[t, p]) + gap > max(allowed[u, p]):
                            continue
                        lit = m.NewBoolVar(f"a{p}_{t}_{u}")
                        arcs.append((i, j, lit))
                        m.Add(start_var[u] >= start_var[t] + gap).OnlyEnforceIf(lit)
                        if between(t, u):
                            travel_terms.append((between(t, u), lit))
                arcs_total += len(arcs)
                m.AddCircuit(arcs)
        else:
            travel_terms.extend((2 * home[t, p], x[t, p]) for t in mine_t)
            pairs_total += approx_travel_rules(m, p, mine_t, day, dur, allowed, between, start_var, x)

    all_tasks = range(len(tasks))
    work_max = sum(dur[t] * need[t] for t in all_tasks)
    work = m.NewIntVar(0, work_max, "work")
    m.Add(work == sum(dur[t] * need[t] * placed[t] for t in all_tasks))
    cont_terms = [
        x[t, p] for (t, p) in x if tasks[t]["company"] in people[p]["companies_before"]
    ]
    cont = m.NewIntVar(0, len(cont_terms), "continuity")
    m.Add(cont == sum(cont_terms))
    fair_max = sum(fairness_of(p["target_minutes"]) for p in people)
    fair = m.NewIntVar(0, fair_max, "fairness")
    m.Add(fair == sum(fair_terms) + fair_const)
    travel_max = sum(c for c, _ in travel_terms)
    trav = m.NewIntVar(0, travel_max, "travel")
    m.Add(trav == sum(c * lit for c, lit in travel_terms))

    W = weights
    span = W["work"] * work_max + W["fairness"] * fair_max + W["continuity"] * len(cont_terms) + W["travel"] * travel_max
    lexicographic = span >= INT64_MAX // 2
    build_time = time.monotonic() - began

    def solver_for(seconds):
        s = cp_model.CpSolver()
        s.parameters.max_time_in_seconds = max(seconds, 0.01)
        s.parameters.num_workers = args.threads
        s.parameters.random_seed = args.seed
        s.parameters.log_search_progress = args.log
        s.parameters.log_to_stdout = False
        for setting in args.param:
            key, value = setting.split("=", 1)
            if value.lower() in ("true", "false"):
                value = value.lower() == "true"
            else:
                try:
                    value = int(value)
                except ValueError:
                    value = float(value)
            setattr(s.parameters, key, value)
        if args.log:
            s.log_callback = lambda line: print(line, file=sys.stderr)
        return s

    solved_at = time.monotonic()
    if not lexicographic:
        m.Maximize(W["work"] * work + W["fairness"] * fair + W["continuity"] * cont - W["travel"] * trav)
        solver = solver_for(args.time_limit)
        status = solver.Solve(m)
        bound = exact_bound(m, solver)
        status_name = solver.StatusName(status)
        final = solver
    else:
        m.Maximize(work)
        first = solver_for(args.time_limit / 2)
        status = first.Solve(m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            final, status_name, bound = first, first.StatusName(status), None
        else:
            best_work = int(first.Value(work))
            work_bound = exact_bound(m, first)
            for var in list(x.values()) + [lit for ys in y.values() for lit in ys.values()]:
                m.AddHint(var, first.Value(var))
            m.Add(work >= best_work)
            m.Maximize(W["fairness"] * fair + W["continuity"] * cont - W["travel"] * trav)
            second = solver_for(args.time_limit - (time.monotonic() - solved_at))
            status2 = second.Solve(m)
            final = second
            proven = status == cp_model.OPTIMAL and status2 == cp_model.OPTIMAL
            status_name = "OPTIMAL" if proven else ("FEASIBLE" if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE) else second.StatusName(status2))
            rest_bound = exact_bound(m, second) if status == cp_model.OPTIMAL else None
            if rest_bound is None:
                rest_bound = fair_max * W["fairness"] + len(cont_terms) * W["continuity"]
            bound = None if work_bound is None else W["work"] * work_bound + rest_bound
            status = status2
    wall = time.monotonic() - solved_at
    response = final.ResponseProto()
    if status_name == "UNKNOWN" and response.best_objective_bound == 0 and response.objective_value == 0:
        bound = None  # stopped in presolve: the response carries no bound
    if bound is not None and args.travel == "approx":
        # The model counted an overestimate of travel; with the true travel >= 0 this is a
        # bound on the engine's objective.
        bound += W["travel"] * travel_max

    answer = {
        "status": status_name,
        "mode": "lexicographic" if lexicographic else "weighted",
        "travel": args.travel,
        "wall_time": wall,
        "build_time": build_time,
        "bound": bound,
        "objective": None,
        "assignments": None,
        "terms": None,
        "stats": {
            "tasks": len(tasks),
            "people": len(people),
            "pairs": len(x),
            "arcs": arcs_total,
            "travel_pairs": pairs_total,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        },
    }
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assignments = []
        for t in all_tasks:
            chosen = [s for s, lit in y[t].items() if final.Value(lit)]
            if chosen:
                crew = sorted(p for p in crew_of[t] if final.Value(x[t, p]))
                assignments.append({"task": t, "start": chosen[0], "people": crew})
        terms = {
            "work_minutes": final.Value(work),
            "fairness": final.Value(fair),
            "continuity": final.Value(cont),
            "travel_minutes": final.Value(trav),
        }
        answer["assignments"] = assignments
        answer["terms"] = terms
        answer["objective"] = (
            W["work"] * terms["work_minutes"]
            + W["fairness"] * terms["fairness"]
            + W["continuity"] * terms["continuity"]
            - W["travel"] * terms["travel_minutes"]
        )
    json.dump(answer, sys.stdout)
    print()


if __name__ == "__main__":
    main()
