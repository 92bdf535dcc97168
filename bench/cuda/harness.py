"""attnc CUDA harness (one device call): builds the generated kernels, checks them against a float32
PyTorch reference (edge shapes in bf16 and fp16, then the benchmark shapes), times attnc,
FlexAttention (torch.compile), SDPA-flash and SDPA-cuDNN on the same tensors, and runs
compute-sanitizer memcheck on small shapes. Writes a markdown report and logs to --out.

  python3 bench/cuda/harness.py --kernels bench/cuda/kernels --out $OUT [--configs 'label=DEF=V DEF=V;...']
"""
import argparse, datetime, json, os, subprocess, sys, time
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attnc_lib import Kernel, build_all  # noqa: E402
from variants import variants, density  # noqa: E402
from reference import reference, compare  # noqa: E402

TIMED = ["full", "causal", "swa1024", "doc8-causal", "alibi-causal", "softcap-causal"]
SHAPES = [  # (label, B, H, H_KV, S, D)
    ("B4 H16 S4096 D128", 4, 16, 16, 4096, 128),
    ("B1 H16 S16384 D128", 1, 16, 16, 16384, 128),
    ("B8 H16 S4096 D64", 8, 16, 16, 4096, 64),
    ("B4 H16/4 S4096 D128 (GQA)", 4, 16, 4, 4096, 128),
]
EDGE = [  # (B, H, H_KV, S_q, S_kv, D): lengths off the tiles, Q_LEN != KV_LEN, GQA
    (2, 4, 2, 300, 300, 64), (2, 4, 2, 300, 300, 128), (1, 2, 1, 77, 513, 128),
    (1, 2, 2, 513, 77, 64), (1, 3, 1, 1, 129, 128), (1, 1, 1, 1000, 1000, 128),
]
TOL = {torch.bfloat16: 2e-2, torch.float16: 5e-3}


def rand_qkv(B, H, H_KV, S_q, S_kv, D, dtype, gen_seed):
    g = torch.Generator(device="cuda").manual_seed(gen_seed)
    q = torch.randn(B, H, S_q, D, device="cuda", dtype=dtype, generator=g)
    k = torch.randn(B, H_KV, S_kv, D, device="cuda", dtype=dtype, generator=g)
    v = torch.randn(B, H_KV, S_kv, D, device="cuda", dtype=dtype, generator=g)
    return q, k, v


def run_attnc(kern, q, k, v, var):
    o = torch.full(q.shape, float("nan"), device="cuda", dtype=torch.float32)
    lse = torch.full(q.shape[:3], float("nan"), device="cuda", dtype=torch.float32)
    kern(q, k, v, o, lse, var["tensors"])
    torch.cuda.synchronize()
    return o, lse


def check_one(kern, var, shape, dtype, seed, log):
    B, H, H_KV, S_q, S_kv, D = shape
    q, k, v = rand_qkv(B, H, H_KV, S_q, S_kv, D, dtype, seed)
    o, lse = run_attnc(kern, q, k, v, var)
    ro, rlse = reference(q, k, v, var, D ** -0.5)
    res = compare(o, lse, ro, rlse, var["sigmoid"])
    ok = res["ok_finite"] and res["o_err"] <= TOL[dtype] and (var["sigmoid"] or res["lse_err"] <= 1e-2)
    log.write(f"check {var['stem']} {shape} {dtype} -> {json.dumps(res)} {'OK' if ok else 'FAIL'}\n")
    return ok, res


def parse_configs(text):
    """'label=DEF=V DEF=V;label2=...' -> [(label, [DEF=V, ...]), ...] (the --configs of the bench scripts)."""
    return [(c.split("=", 1)[0], c.split("=", 1)[1].split()) for c in text.split(";") if c]


def compiled_flex():
    """FlexAttention through torch.compile, with room for the many shapes and masks one run compiles."""
    from torch.nn.attention.flex_attention import flex_attention
    import torch._dynamo
    torch._dynamo.config.cache_size_limit = 128
    torch._dynamo.config.recompile_limit = 128
    return torch.compile(flex_attention, dynamic=False)


def bench(fn):
    from triton.testing import do_bench
    fn()
    torch.cuda.synchronize()
    return do_bench(fn, warmup=25, rep=120, return_mode="median")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernels", default="bench/cuda/kernels")
    ap.add_argument("--build", default="/tmp/attnc-build")
    ap.add_argument("--out", default=os.environ.get("OUT", "/tmp/attnc-out"))
    ap.add_argument("--configs", default="", help="extra builds to time: 'label=ATTNC_D128_WARPS=8 ATTNC_D128_STAGES=3;label2=...' (a label whose defines name one head dim is timed on that dim only)")
    ap.add_argument("--sanitize-only", action="store_true")
    ap.add_argument("--skip-timing", action="store_true")
    ap.add_argument("--shapes", default="", help="comma list of SHAPES indices to time")
    ap.add_argument("--variants", default="", help="comma list of TIMED variants to time (default: all)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.build, exist_ok=True)
    torch.backends.cuda.matmul.allow_tf32 = False
    log = open(os.path.join(args.out, "sanitize.log" if args.sanitize_only else "harness.log"), "a")
    gen = torch.Generator().manual_seed(0)

    stems = sorted({v["stem"] for v in variants(1, 1, 8, 8, gen).values()})
    extra = parse_configs(args.configs)
    jobs, libs = [], {}
    for st in stems:
        src = os.path.join(args.kernels, f"{st}.cu")
        libs[(st, "default")] = os.path.join(args.build, f"{st}.so")
        jobs.append((src, libs[(st, "default")], []))
        for label, defs in extra:
            out = os.path.join(args.build, f"{st}_{label}.so")
            libs[(st, label)] = out
            jobs.append((src, out, defs))
    if not args.sanitize_only:
        t0 = time.time()
        built = build_all(jobs, log)
        print(f"built {sum(built.values())}/{len(jobs)} libraries in {time.time() - t0:.1f}s", flush=True)
    kern = lambda st, cfg="default": Kernel(libs[(st, cfg)], st, len(VARS_NT[st]))  # noqa: E731
    VARS_NT.update({v["stem"]: v["tensors"] for v in variants(1, 4, 8, 8, gen).values()})

    # ---- correctness on edge shapes, both dtypes ----
    fails = 0
    edge = EDGE[:3] if args.sanitize_only else EDGE
    for name, _ in variants(1, 1, 8, 8, gen).items():
        for shape in edge:
            B, H, H_KV, S_q, S_kv, D = shape
            if name == "doc8-causal" and S_q != S_kv:
                continue
            var = variants(B, H, S_q, S_kv, gen)[name]
            for dtype in (torch.bfloat16, torch.float16):
                ok, res = check_one(kern(var["stem"]), var, shape, dtype, 1, log)
                if not ok:
                    fails += 1
                    print(f"FAIL {name} {shape} {dtype}: {res}", flush=True)
    print(f"edge-shape checks: {fails} failures", flush=True)
    if args.sanitize_only:
        sys.exit(1 if fails else 0)

    rows = []
    if not args.skip_timing:
        rows = time_all(args, kern, libs, extra, gen, log)
    write_report(args, rows, fails)


VARS_NT = {}


def time_all(args, kern, libs, extra, gen, log):
    from torch.nn.attention import sdpa_kernel, SDPBackend
    from torch.nn.attention.flex_attention import create_block_mask
    flex = compiled_flex()
    rows = []
    idx = [int(i) for i in args.shapes.split(",")] if args.shapes else range(len(SHAPES))
    for si in idx:
        label, B, H, H_KV, S, D = SHAPES[si]
        q, k, v = rand_qkv(B, H, H_KV, S, S, D, torch.bfloat16, 100 + si)
        vars_ = variants(B, H, S, S, gen)
        gqa = H_KV != H
        for name in (args.variants.split(",") if args.variants else TIMED):
            var = vars_[name]
            dens = density(var["mask"], B, H, S, S)
            flops = 4.0 * B * H * S * S * D * dens
            row = dict(shape=label, variant=name, density=round(dens, 4))
            # correctness on this shape, of every timed plan ("err": the default's)
            ro, rlse = reference(q, k, v, var, D ** -0.5)
            row["ok"] = True
            o = torch.empty(q.shape, device="cuda", dtype=torch.float32)
            lse = torch.empty(B, H, S, device="cuda", dtype=torch.float32)
            best = None
            for cfg in ["default"] + [label for label, defs in extra if f"_D{D}_" in " ".join(defs) or "_D" not in " ".join(defs)]:
                if not os.path.exists(libs[(var["stem"], cfg)]):  # a tile plan that did not build (logged above)
                    continue
                kf = kern(var["stem"], cfg)
                co, clse = run_attnc(kf, q, k, v, var)
                res = compare(co, clse, ro, rlse, False)
                cok = res["ok_finite"] and res["o_err"] <= 2e-2 and res["lse_err"] <= 1e-2
                row["err" if cfg == "default" else f"err[{cfg}]"] = res["o_err"]
                row["ok"] = row["ok"] and cok
                if not cok:
                    print(f"FAIL {cfg} {label} {name}: {res}", flush=True)
                del co, clse
                ms = bench(lambda: kf(q, k, v, o, lse, var["tensors"], check=False))
                tf = flops / ms / 1e9
                row[f"attnc[{cfg}]"] = round(tf, 1)
                row[f"skeleton[{cfg}]"] = kf.skeleton(D)  # 90: the wgmma kernel ran, 80: the sm_80 one
                if best is None or tf > best:
                    best = tf
            del ro, rlse
            row["attnc"] = row["attnc[default]"]  # the plan `attnc compile` emits; the others are in the tile-plan table
            row["attnc_best"] = round(best, 1)
            try:
                bm = create_block_mask(var["mask"], B=B if name == "doc8-causal" else None, H=None, Q_LEN=S, KV_LEN=S) if var["mask"] else None
                ms = bench(lambda: flex(q, k, v, score_mod=var["score"], block_mask=bm, enable_gqa=gqa))
                row["flex"] = round(flops / ms / 1e9, 1)
            except Exception as e:  # noqa: BLE001
                log.write(f"flex {label} {name} failed: {e}\n")
            if name in ("full", "causal"):
                for bname, be in [("fa2", SDPBackend.FLASH_ATTENTION), ("cudnn", SDPBackend.CUDNN_ATTENTION)]:
                    def sd(be=be):
                        with sdpa_kernel([be]):
                            return F.scaled_dot_product_attention(q, k, v, is_causal=name == "causal", enable_gqa=gqa)
                    try:
                        ms = bench(sd)
                        row[bname] = round(flops / ms / 1e9, 1)
                    except Exception as e:  # noqa: BLE001
                        log.write(f"sdpa {bname} {label} {name} failed: {str(e)[:300]}\n")
            rows.append(row)
            print(json.dumps(row), flush=True)
        del q, k, v
        torch.cuda.empty_cache()
    return rows


def ratio(a, b):
    return f"{a / b:.2f}" if b else "–"


def write_report(args, rows, fails):
    lines = [f"# attnc CUDA harness — {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC", ""]
    lines.append(f"GPU: {torch.cuda.get_device_name()}; torch {torch.__version__}, CUDA {torch.version.cuda}")
    lines.append(f"Command: `python3 bench/cuda/harness.py {' '.join(sys.argv[1:])}`")
    lines.append(f"Edge-shape correctness failures (bf16 <= 2e-2, fp16 <= 5e-3): {fails}")
    sk = sorted({f"{k[9:-1]}: sm_{v}" for r in rows for k, v in r.items() if k.startswith("skeleton[")})
    if sk:
        lines.append(f"Kernel that ran, per build (the entry point's `attnc_*_skeleton(D)`): {', '.join(sk)}")
    lines.append("")
    lines.append("TFLOP/s counting only unmasked work (bf16, forward); attnc = the default tile plan; ratio = attnc / peer.")
    lines.append("")
    lines.append("| shape | variant | density | max err | attnc | FA2 | cuDNN | Flex | attnc/FA2 | attnc/Flex |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        fa2, fl = r.get("fa2"), r.get("flex")
        lines.append(
            f"| {r['shape']} | {r['variant']} | {r['density']} | {r['err']:.2e}{'' if r['ok'] else ' FAIL'} | {r['attnc']} | "
            f"{fa2 or '–'} | {r.get('cudnn') or '–'} | {fl or '–'} | "
            f"{ratio(r['attnc'], fa2)} | {ratio(r['attnc'], fl)} |"
        )
    cfgs = sorted({k for r in rows for k in r if k.startswith("attnc[")})
    if len(cfgs) > 1:
        lines += ["", "Tile plans (TFLOP/s):", "", "| shape | variant | " + " | ".join(cfgs) + " |", "|---|---|" + "---|" * len(cfgs)]
        for r in rows:
            lines.append(f"| {r['shape']} | {r['variant']} | " + " | ".join(str(r.get(c, "–")) for c in cfgs) + " |")
    text = "\n".join(lines) + "\n"
    open(os.path.join(args.out, "report.md"), "w").write(text)
    json.dump(rows, open(os.path.join(args.out, "rows.json"), "w"), indent=1)
    print(text)


if __name__ == "__main__":
    main()
