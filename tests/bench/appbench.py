#!/usr/bin/env python3
"""The desktop app's benchmarks (issue 5): start-up, frame time and memory.

Run from a build folder's parent, e.g. `python3 tests/bench/appbench.py --build build`
(under Xvfb when there is no display: `xvfb-run -a -s "-screen 0 1280x800x24" python3 …`).

- start-up: time from launching the process to its first painted frame (libraries loaded,
  QApplication, the window built, shown and painted), for `kafkalab --bench-startup` and for a
  bare Qt window of the same size (barewindow); the median of several interleaved runs each,
  and their ratio (target: at most 1.5), and the median of the ratios within each pair of
  runs (steadier when other work shares the machine). The whole run's wall time (launch to exit, which adds
  tearing the window down) is reported beside it.
- frames: `kafkalab --scenario tests/bench/playground-large.kls --bench-frames N` (12 brokers,
  200 partitions at RF 3, 50 consumers, steady traffic): p50/p99 frame time (target p99 ≤ 16 ms)
  and the process's peak resident memory (target < 300 MB).
Prints one JSON object.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def wall_ms(cmd, env):
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, timeout=120)
    return (time.perf_counter() - start) * 1000.0, out.stdout


def startup_ms(cmd, env):
    """(launch to first frame, launch to exit) in ms for one --bench-startup style run."""
    env = dict(env)
    # CLOCK_MONOTONIC, the clock firstframe.h reads when the first frame is painted.
    env["KAFKALAB_BENCH_LAUNCH_NS"] = str(time.monotonic_ns())
    wall, out = wall_ms(cmd, env)
    result = json.loads(out.strip().splitlines()[-1])
    return result["sinceLaunchMs"], wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build", help="the CMake build folder")
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per program")
    parser.add_argument("--frames", type=int, default=300, help="frames for the frame benchmark")
    args = parser.parse_args()

    app = os.path.join(args.build, "app", "kafkalab")
    bare = os.path.join(args.build, "tests", "bench", "barewindow")
    for exe in (app, bare):
        if not os.access(exe, os.X_OK):
            sys.exit(f"appbench: {exe} is missing; build the app and the benchmarks first")
    env = dict(os.environ)
    # A throwaway profile, so the user's progress database and settings are never touched.
    env["XDG_DATA_HOME"] = env["XDG_CONFIG_HOME"] = os.path.join(args.build, "appbench-home")

    # Warm the page cache once so both programs start from the same state; then alternate
    # them, so a change in the machine's load affects both alike.
    startup_ms([bare], env)
    startup_ms([app, "--bench-startup"], env)
    bare_runs, app_runs = [], []
    for _ in range(args.runs):
        bare_runs.append(startup_ms([bare], env))
        app_runs.append(startup_ms([app, "--bench-startup"], env))
    # Each app run is next to a bare run, so the ratio within a pair shares the machine's state
    # of the moment; their median is steadier than the ratio of the medians on a shared machine.
    paired_ratio = statistics.median(a[0] / b[0] for a, b in zip(app_runs, bare_runs))
    bare_median = statistics.median(r[0] for r in bare_runs)
    app_median = statistics.median(r[0] for r in app_runs)
    bare_wall = statistics.median(r[1] for r in bare_runs)
    app_wall = statistics.median(r[1] for r in app_runs)

    _, out = wall_ms([app, "--scenario", os.path.join(HERE, "playground-large.kls"),
                      "--bench-frames", str(args.frames)], env)
    frames = json.loads(out.strip().splitlines()[-1])

    print(json.dumps({
        "startup": {"bareWindowMs": round(bare_median, 1), "kafkalabMs": round(app_median, 1),
                    "ratio": round(app_median / bare_median, 2),
                    "pairedRatio": round(paired_ratio, 2), "runs": args.runs,
                    "wallToExit": {"bareWindowMs": round(bare_wall, 1), "kafkalabMs": round(app_wall, 1),
                                   "ratio": round(app_wall / bare_wall, 2)}},
        "frames": frames,
    }))


if __name__ == "__main__":
    main()
