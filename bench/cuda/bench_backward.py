"""The backward's rows of the CUDA harness (one device call): attnc's backward against FlexAttention's
(torch.compile), SDPA-flash and SDPA-cuDNN backward on the same tensors and dO, per standard variant
and shape, plus the trainable-tensor cases (learnable ALiBi slopes; a learnable relative-bias table
f32[H, 129]) against Flex with a captured requires_grad tensor. Every timed attnc backward is first
compared with Flex's gradients (relative L2 per tensor, both computed from the same bf16 inputs) and
run twice to check that dq, dk and dv are bit-identical.

TFLOP/s count 2.5x the forward's unmasked work (10 B H S^2 D density). Times are the backward only:
attnc's `attnc_<name>_backward` after one forward; the peers' autograd backward of a retained graph.

  python3 bench/cuda/bench_backward.py --kernels DIR_WITH_BACKWARD_KERNELS --out $OUT [--shapes 0,1] [--variants ...]
  (kernels: node <built bench/cuda/gen.js> DIR --backward)
"""
import argparse, datetime, json, os, sys, time
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attnc_lib import Kernel, build_all  # noqa: E402
from variants import variants, density  # noqa: E402
from harness import compiled_flex  # noqa: E402

SHAPES = [  # (label, B, H, H_KV, S, D)
    ("B4 H16 S4096 D128", 4, 16, 16, 4096, 128),
    ("B8 H16 S4096 D64", 8, 16, 16, 4096, 64),
    ("B4 H16/4 S4096 D128 (GQA)", 4, 16, 4, 4096, 128),
]
STANDARD = ["full", "causal", "swa1024", "doc8-causal", "alibi-causal", "softcap-causal"]
TRAINABLE = ["alibi-causal (learn slopes)", "rel-bias-table (learn table)"]
MAXD = 64  # the relative-bias table's max distance (examples/relative-bias-table.attn)


def bench(fn):
    from triton.testing import do_bench
    fn()
    torch.cuda.synchronize()
    return do_bench(fn, warmup=10, rep=100, return_mode="median")


def rel_l2(a, b):
    a, b = a.float(), b.float()
    return float((a - b).norm() / b.norm().clamp_min(1e-30))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernels", default=".cache/kernels-bwd")
    ap.add_argument("--build", default="/tmp/attnc-bwd-build")
    ap.add_argument("--out", default=os.environ.get("OUT", "/tmp/attnc-out"))
    ap.add_argument("--shapes", default="")
    ap.add_argument("--variants", default="")
    ap.add_argument("--stems", default="", help="build only these kernels (e.g. full,causal for --variants full,causal)")
    ap.add_argument("--defines", default="", help="build macros, e.g. ATTNC_BWD_ATOMIC_DQ=1 (dq by atomics: then dq is not bit-identical)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.build, exist_ok=True)
    torch.backends.cuda.matmul.allow_tf32 = False
    log = open(os.path.join(args.out, "bench_backward.log"), "a")
    stems = ["full", "causal", "sliding_window", "document_causal", "alibi", "softcap", "relative_bias_table"]
    if args.stems:
        stems = [s for s in stems if s in args.stems.split(",")]
    jobs = [(os.path.join(args.kernels, f"{s}.cu"), os.path.join(args.build, f"{s}.so"), args.defines.split()) for s in stems]
    t0 = time.time()
    built = build_all(jobs, log)
    print(f"built {sum(built.values())}/{len(jobs)} libraries in {time.time() - t0:.1f}s", flush=True)

    from torch.nn.attention import sdpa_kernel, SDPBackend
    from torch.nn.attention.flex_attention import create_block_mask
    flex = compiled_flex()
    gen = torch.Generator().manual_seed(0)
    rows = []
    idx = [int(i) for i in args.shapes.split(",")] if args.shapes else range(len(SHAPES))
    names = args.variants.split(",") if args.variants else STANDARD + TRAINABLE
    for si in idx:
        label, B, H, H_KV, S, D = SHAPES[si]
        g = torch.Generator(device="cuda").manual_seed(100 + si)
        q = torch.randn(B, H, S, D, device="cuda", dtype=torch.bfloat16, generator=g)
        k = torch.randn(B, H_KV, S, D, device="cuda", dtype=torch.bfloat16, generator=g)
        v = torch.randn(B, H_KV, S, D, device="cuda", dtype=torch.bfloat16, generator=g)
        dO = torch.randn(B, H, S, D, device="cuda", dtype=torch.bfloat16, generator=g)
        vars_ = variants(B, H, S, S, gen)
        table = (torch.randn(H, 2 * MAXD + 1, generator=gen) * 0.5).cuda()
        vars_["rel-bias-table (learn table)"] = dict(stem="relative_bias_table", tensors=[table], mask=None, sigmoid=False,
                                                     score=lambda s, b, h, qi, ki: s + table[h, (ki - qi).clamp(-MAXD, MAXD) + MAXD])
        vars_["alibi-causal (learn slopes)"] = vars_["alibi-causal"]
        gqa = H_KV != H
        for name in names:
            var = vars_[name]
            st = var["stem"]
            if not built.get(os.path.join(args.build, f"{st}.so")):
                continue
            dens = density(var["mask"], B, H, S, S)
            flops = 10.0 * B * H * S * S * D * dens
            row = dict(shape=label, variant=name, density=round(dens, 4))
            trainable = name in TRAINABLE
            # ---- attnc: forward once, then the backward ----
            n_f32 = sum(1 for t in var["tensors"] if t.dtype == torch.float32)
            kern = Kernel(os.path.join(args.build, f"{st}.so"), st, len(var["tensors"]), n_f32)
            o = torch.empty(B, H, S, D, device="cuda", dtype=torch.float32)
            lse = torch.empty(B, H, S, device="cuda", dtype=torch.float32)
            kern(q, k, v, o, lse, var["tensors"])
            dq = torch.empty(B, H, S, D, device="cuda", dtype=torch.float32)
            dk = torch.empty(B, H_KV, S, D, device="cuda", dtype=torch.float32)
            dv = torch.empty_like(dk)
            dts = [torch.empty_like(t) for t in var["tensors"] if t.dtype == torch.float32]
            call = lambda: kern.backward(q, k, v, o, lse, dO, dq, dk, dv, var["tensors"], dts, check=False)  # noqa: E731
            call()
            torch.cuda.synchronize()
            first = [x.clone() for x in (dq, dk, dv, *dts)]
            call()
            torch.cuda.synchronize()
            row["deterministic"] = all(bool(torch.equal(a, b)) for a, b in zip(first[:3], (dq, dk, dv)))
            row["tensor_grads_identical"] = all(bool(torch.equal(a, b)) for a, b in zip(first[3:], dts)) if dts else None
            ms = bench(call)
            row["attnc"] = round(flops / ms / 1e9, 1)
            # ---- Flex (the same mask and score as PyTorch functions) ----
            try:
                bm = create_block_mask(var["mask"], B=B if name == "doc8-causal" else None, H=None, Q_LEN=S, KV_LEN=S) if var["mask"] else None
                qg, kg, vg = (x.detach().clone().requires_grad_() for x in (q, k, v))
                score = var["score"]
                leaves = [qg, kg, vg]
                if trainable:
                    t = var["tensors"][0].detach().clone().requires_grad_()
                    leaves.append(t)
                    if st == "alibi":
                        score = lambda s, b, h, qi, ki, t=t: s - t[h] * (qi - ki)  # noqa: E731
                    else:
                        score = lambda s, b, h, qi, ki, t=t: s + t[h, (ki - qi).clamp(-MAXD, MAXD) + MAXD]  # noqa: E731
                out = flex(qg, kg, vg, score_mod=score, block_mask=bm, enable_gqa=gqa)
                grads = torch.autograd.grad(out, leaves, dO, retain_graph=True)
                errs = {"dq": rel_l2(dq, grads[0]), "dk": rel_l2(dk, grads[1]), "dv": rel_l2(dv, grads[2])}
                if trainable:
                    errs["dT"] = rel_l2(dts[0], grads[3])
                row["vs_flex_err"] = {k2: round(e, 5) for k2, e in errs.items()}
                row["ok"] = all(e <= 2e-2 for e in errs.values())
                ms = bench(lambda: torch.autograd.grad(out, leaves, dO, retain_graph=True))
                row["flex"] = round(flops / ms / 1e9, 1)
                del out, grads
            except Exception as e:  # noqa: BLE001
                log.write(f"flex {label} {name} failed: {e}\n")
                print(f"flex {label} {name} failed: {str(e)[:300]}", flush=True)
            if name in ("full", "causal"):
                for bname, be in [("fa2", SDPBackend.FLASH_ATTENTION), ("cudnn", SDPBackend.CUDNN_ATTENTION)]:
                    try:
                        qg, kg, vg = (x.detach().clone().requires_grad_() for x in (q, k, v))
                        with sdpa_kernel([be]):
                            out = F.scaled_dot_product_attention(qg, kg, vg, is_causal=name == "causal", enable_gqa=gqa)
                        ms = bench(lambda: torch.autograd.grad(out, (qg, kg, vg), dO, retain_graph=True))
                        row[bname] = round(flops / ms / 1e9, 1)
                        del out
                    except Exception as e:  # noqa: BLE001
                        log.write(f"sdpa {bname} {label} {name} failed: {str(e)[:300]}\n")
            rows.append(row)
            print(json.dumps(row), flush=True)
            del o, lse, dq, dk, dv, dts, first
        del q, k, v, dO
        torch.cuda.empty_cache()
    write_report(args, rows)


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "–"


def write_report(args, rows):
    lines = [f"# attnc CUDA backward — {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC", ""]
    lines.append(f"GPU: {torch.cuda.get_device_name()}; torch {torch.__version__}, CUDA {torch.version.cuda}")
    lines.append(f"Command: `python3 bench/cuda/bench_backward.py {' '.join(sys.argv[1:])}`")
    lines.append("")
    lines.append("Backward TFLOP/s (bf16; 2.5x the forward's unmasked work); err = max relative L2 of attnc's gradients vs Flex's;")
    lines.append("det = dq, dk, dv bit-identical over two runs.")
    lines.append("")
    lines.append("| shape | variant | density | err vs Flex | det | attnc | Flex | FA2 | cuDNN | attnc/Flex | attnc/cuDNN |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        err = max(r.get("vs_flex_err", {"-": float("nan")}).values())
        lines.append(
            f"| {r['shape']} | {r['variant']} | {r['density']} | {err:.2e}{'' if r.get('ok', True) else ' FAIL'} | "
            f"{'yes' if r['deterministic'] else 'NO'} | {r['attnc']} | {r.get('flex', '–')} | {r.get('fa2', '–')} | "
            f"{r.get('cudnn', '–')} | {ratio(r['attnc'], r.get('flex'))} | {ratio(r['attnc'], r.get('cudnn'))} |"
        )
    text = "\n".join(lines) + "\n"
    open(os.path.join(args.out, "report_backward.md"), "w").write(text)
    json.dump(rows, open(os.path.join(args.out, "rows_backward.json"), "w"), indent=1)
    print(text)


if __name__ == "__main__":
    main()
