"""PyVRP on the generated city (routing::generate::city), for benches/vrptw.rs --city.

    python city_pyvrp.py PROBLEM.json --time-limit SECS --seed N

PROBLEM.json is kommune's routing problem as the bench writes it (serde's form of
routing::Problem) with "points": each location's (latitude, longitude). The very same
instance is built in PyVRP's ProblemData: the same locations, the same distance matrix for
every vehicle and one duration matrix per speed profile (an e-bike's and a van's), the
depot and the two hubs as depots (the hubs as reload depots, their unloading time as the
depot's service duration at the start of a trip), the stops as clients with their pickups
in kg and litres, service times and windows, and the vehicle types with capacity in both
dimensions, shift, range and profile. Coordinates are metres on a local plane, for the
parts of PyVRP's search that look at angles. Prints one JSON line:

    {"feasible": bool, "distance": metres, "routes": [{"vehicle_type": k,
     "visits": [["stop", i] | ["hub", h], ...]}], "iterations": n, "wall_time": s,
     "build_time": s}
"""

import argparse
import json
import logging
import math
import time

import numpy as np
from pyvrp import (
    Client,
    Depot,
    Location,
    ProblemData,
    VehicleType,
    solve,
)
from pyvrp.stop import MaxRuntime

UNBOUNDED = np.iinfo(np.int64).max


def build(problem: dict) -> ProblemData:
    lat0, lon0 = problem["points"][0]
    scale = math.cos(math.radians(lat0)) * 111_320.0
    locations = [
        Location(x=(lon - lon0) * scale, y=(lat - lat0) * 110_540.0)
        for lat, lon in problem["points"]
    ]
    matrix = problem["matrix"]
    size = matrix["size"]
    distance = np.array(matrix["distance"], dtype=np.int64).reshape(size, size)
    durations = [
        np.array(d, dtype=np.int64).reshape(size, size) for d in matrix["duration"]
    ]
    (depot,) = problem["depots"]
    # The depot first, then the hubs, each with one window; unloading is a hub's service.
    places = [(depot["location"], depot["window"], 0, depot["name"])] + [
        (hub["location"], window, hub["service"], hub["name"])
        for hub in problem["hubs"]
        for (window,) in [hub["windows"]]
    ]
    depots = [
        Depot(
            location=location,
            tw_early=window["open"],
            tw_late=window["close"],
            service_duration=service,
            name=name,
        )
        for location, window, service, name in places
    ]
    clients = []
    for stop in problem["stops"]:
        (window,) = stop["windows"]
        assert stop["skip_penalty"] is None and not stop["needs"]
        clients.append(
            Client(
                location=stop["location"],
                pickup=stop["demand"],
                service_duration=stop["service"],
                tw_early=window["open"],
                tw_late=window["close"],
                name=stop["name"],
            )
        )
    vehicle_types = []
    for v in problem["vehicle_types"]:
        assert v["break"] is None and not v["features"]
        vehicle_types.append(
            VehicleType(
                num_available=v["count"],
                capacity=v["capacity"],
                start_depot=v["depot"],
                end_depot=v["depot"],
                fixed_cost=v["fixed_cost"],
                tw_early=v["shift"]["open"],
                tw_late=v["shift"]["close"],
                max_distance=v["max_distance"] if v["max_distance"] is not None else UNBOUNDED,
                unit_distance_cost=v["distance_cost"],
                unit_duration_cost=v["duration_cost"],
                profile=v["profile"],
                # Depot 0 is the depot; the hubs follow it.
                reload_depots=[1 + h for h in v["reload_hubs"]],
                name=v["name"],
            )
        )
    return ProblemData(
        locations=locations,
        clients=clients,
        depots=depots,
        vehicle_types=vehicle_types,
        distance_matrices=[distance for _ in durations],
        duration_matrices=durations,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.getLogger("pyvrp").setLevel(logging.WARNING)

    began = time.perf_counter()
    with open(args.file) as f:
        problem = json.load(f)
    data = build(problem)
    build_time = time.perf_counter() - began

    began = time.perf_counter()
    result = solve(
        data,
        stop=MaxRuntime(args.time_limit),
        seed=args.seed,
        collect_stats=False,
        display=False,
    )
    wall_time = time.perf_counter() - began
    best = result.best
    routes = []
    for route in best.routes():
        visits = []
        # The first and the last activity are the depot the route leaves and comes back to.
        for activity in route.schedule()[1:-1]:
            if activity.is_depot():
                visits.append(["hub", activity.idx - 1])
            else:
                visits.append(["stop", activity.idx])
        routes.append({"vehicle_type": route.vehicle_type(), "visits": visits})
    print(
        json.dumps(
            {
                "feasible": best.is_feasible(),
                "distance": best.distance(),
                "routes": routes,
                "iterations": result.num_iterations,
                "wall_time": wall_time,
                "build_time": build_time,
            }
        )
    )


if __name__ == "__main__":
    main()
