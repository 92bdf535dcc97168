"""A/B timing of two builds of the standard kernels (one device call): builds every stem of the
two kernel folders, checks both against the float32 reference on each shape, then times them
interleaved (A, B, A, B, ...; the median of each) so that clock and thermal drift hit both alike.
For changes inside a skeleton that must not cost speed.

  python3 bench/cuda/ab.py --a OLD_KERNELS --b NEW_KERNELS [--c OTHER_KERNELS] --out $OUT [--shapes 0,2] [--variants full,causal] [--rounds 3]

With --c, a third build is timed in the same interleaving (A, B, C, ...) and compared with A too.
"""
import argparse
import json
import os
import statistics
import sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attnc_lib import Kernel, build_all  # noqa: E402
from variants import variants, density  # noqa: E402
from reference import reference, compare  # noqa: E402
from harness import SHAPES, TIMED, rand_qkv, run_attnc, bench  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--a", required=True)
    ap.add_argument("--b", required=True)
    ap.add_argument("--c", default=None)
    ap.add_argument("--build", default="/tmp/attnc-ab")
    ap.add_argument("--out", default=os.environ.get("OUT", "/tmp/attnc-ab-out"))
    ap.add_argument("--shapes", default="0")
    ap.add_argument("--variants", default=",".join(TIMED))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.backends.cuda.matmul.allow_tf32 = False
    log = open(os.path.join(args.out, "ab.log"), "a")
    gen = torch.Generator().manual_seed(0)
    names = args.variants.split(",")
    stems = sorted({variants(1, 1, 8, 8, gen)[n]["stem"] for n in names})
    jobs, libs = [], {}
    folders = {"a": args.a, "b": args.b, **({"c": args.c} if args.c else {})}
    sides = "".join(folders)
    for side, folder in folders.items():
        for st in stems:
            libs[(side, st)] = os.path.join(args.build, f"{st}_{side}.so")
            jobs.append((os.path.join(folder, f"{st}.cu"), libs[(side, st)], []))
    os.makedirs(args.build, exist_ok=True)
    built = build_all(jobs, log)
    if not all(built.values()):
        sys.exit("a build failed (see ab.log)")
    n_tensors = {v["stem"]: len(v["tensors"]) for v in variants(1, 4, 8, 8, gen).values()}
    rows, fails = [], 0
    for si in [int(i) for i in args.shapes.split(",")]:
        label, B, H, H_KV, S, D = SHAPES[si]
        q, k, v = rand_qkv(B, H, H_KV, S, S, D, torch.bfloat16, 100 + si)
        vars_ = variants(B, H, S, S, gen)
        for name in names:
            var = vars_[name]
            flops = 4.0 * B * H * S * S * D * density(var["mask"], B, H, S, S)
            ro, rlse = reference(q, k, v, var, D ** -0.5)
            kern = {side: Kernel(libs[(side, var["stem"])], var["stem"], n_tensors[var["stem"]]) for side in sides}
            row = dict(shape=label, variant=name)
            for side in sides:
                co, clse = run_attnc(kern[side], q, k, v, var)
                res = compare(co, clse, ro, rlse, var["sigmoid"])
                ok = res["ok_finite"] and res["o_err"] <= 2e-2 and (var["sigmoid"] or res["lse_err"] <= 1e-2)
                row[f"err_{side}"] = res["o_err"]
                fails += not ok
                if not ok:
                    print(f"FAIL {side} {label} {name}: {res}", flush=True)
                del co, clse
            o = torch.empty(q.shape, device="cuda", dtype=torch.float32)
            lse = torch.empty(B, H, S, device="cuda", dtype=torch.float32)
            ms = {side: [] for side in sides}
            for _ in range(args.rounds):
                for side in sides:
                    ms[side].append(bench(lambda: kern[side](q, k, v, o, lse, var["tensors"], check=False)))
            for side in sides:
                row[f"tflops_{side}"] = round(flops / statistics.median(ms[side]) / 1e9, 1)
            for side in sides[1:]:
                row[f"{side}/a"] = round(row[f"tflops_{side}"] / row["tflops_a"], 3)
            print(json.dumps(row), flush=True)
            rows.append(row)
            del ro, rlse
    json.dump(dict(device=torch.cuda.get_device_name(), folders=folders, rows=rows, fails=fails), open(os.path.join(args.out, "ab.json"), "w"), indent=1)
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
