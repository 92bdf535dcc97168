"""Document-mask sweep (one device call): times attnc's document_causal kernel and FlexAttention on
the same tensors for several document counts (1 document = plain causal attention through the
document machinery), next to attnc's causal kernel built with the same tile plan. Separates the
cost of the tile classifier and mask from the cost of short documents (short work per CTA).

  python3 bench/cuda/doc_sweep.py --out $OUT [--shapes "4,16,4096,128;1,16,16384,128"] \
      [--ndocs 1,2,8,32] [--configs "label=DEF=V DEF=V;..."]
"""
import argparse, json, os, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attnc_lib import Kernel, build_all  # noqa: E402
from variants import make_doc  # noqa: E402
from harness import bench, compiled_flex, parse_configs  # noqa: E402

# the document kernel's own D = 128 tile plan, forced on the causal kernel (which keeps its own grid
# order, one head after another: the document kernel's heads-innermost order is its HEADS_INNER=1)
DOC_PLAN = "ATTNC_SM90_D128_WARPGROUPS=1 ATTNC_SM90_D128_BLOCK_KV=48 ATTNC_SM90_D128_MIN_CTAS=3 ATTNC_SM90_D128_OVERLAP_PV=0 ATTNC_SM90_D128_HEADS_INNER=0"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernels", default="bench/cuda/kernels")
    ap.add_argument("--build", default="/tmp/attnc-docsweep")
    ap.add_argument("--out", default=os.environ.get("OUT", "/tmp/attnc-out"))
    ap.add_argument("--shapes", default="4,16,4096,128;1,16,16384,128", help="B,H,S,D;...")
    ap.add_argument("--ndocs", default="1,2,8,32")
    ap.add_argument("--configs", default="", help="extra builds of both kernels: 'label=DEF=V DEF=V;...'")
    ap.add_argument("--repeat", type=int, default=1, help="time every document count this many times (run-to-run spread)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.build, exist_ok=True)
    configs = [("default", [])] + parse_configs(args.configs)
    jobs, libs = [], {}
    for stem in ("document_causal", "causal"):
        for label, defs in configs + ([("docplan", DOC_PLAN.split())] if stem == "causal" else []):
            out = os.path.join(args.build, f"{stem}_{label}.so")
            libs[(stem, label)] = out
            jobs.append((os.path.join(args.kernels, f"{stem}.cu"), out, defs))
    with open(os.path.join(args.out, "doc_sweep_build.log"), "w") as log:
        ok = build_all(jobs, log)
    from torch.nn.attention.flex_attention import create_block_mask
    flex = compiled_flex()
    rows = []
    gen = torch.Generator().manual_seed(7)
    for shape in args.shapes.split(";"):
        B, H, S, D = (int(x) for x in shape.split(","))
        g = torch.Generator(device="cuda").manual_seed(3)
        q, k, v = (torch.randn(B, H, S, D, device="cuda", dtype=torch.bfloat16, generator=g) for _ in range(3))
        o = torch.empty(B, H, S, D, device="cuda", dtype=torch.float32)
        lse = torch.empty(B, H, S, device="cuda", dtype=torch.float32)
        causal_flops = 4.0 * B * H * S * (S + 1) / 2 * D
        row = dict(shape=shape, ndoc="causal")
        for label, _ in configs + [("docplan", [])]:
            if ok.get(libs[("causal", label)]):
                kc = Kernel(libs[("causal", label)], "causal", 0)
                row[f"attnc[{label}]"] = round(causal_flops / bench(lambda: kc(q, k, v, o, lse, (), check=False)) / 1e9, 1)
        bm = create_block_mask(lambda b, h, qi, ki: ki <= qi, B=None, H=None, Q_LEN=S, KV_LEN=S)
        row["flex"] = round(causal_flops / bench(lambda: flex(q, k, v, block_mask=bm)) / 1e9, 1)
        rows.append(row)
        print(json.dumps(row), flush=True)
        for nd in [int(x) for x in args.ndocs.split(",")] * args.repeat:
            doc = make_doc(B, S, nd, torch.Generator().manual_seed(1000 * nd + S)).cuda()  # the same ids on every repeat
            lens = torch.stack([torch.bincount(doc[b].long(), minlength=nd) for b in range(B)]).double()
            visible = float(((lens * (lens + 1)) / 2).sum()) * H
            flops = 4.0 * visible * D
            row = dict(shape=shape, ndoc=nd, density=round(visible / (B * H * S * S), 4))

            def docm(b, h, qi, ki):
                return (doc[b, qi] == doc[b, ki]) & (ki <= qi)
            bm = create_block_mask(docm, B=B, H=None, Q_LEN=S, KV_LEN=S)
            of = flex(q, k, v, block_mask=bm)
            row["flex"] = round(flops / bench(lambda: flex(q, k, v, block_mask=bm)) / 1e9, 1)
            for label, _ in configs:
                if not ok.get(libs[("document_causal", label)]):
                    continue
                kd = Kernel(libs[("document_causal", label)], "document_causal", 1)
                kd(q, k, v, o, lse, (doc,))
                torch.cuda.synchronize()
                row[f"err[{label}]"] = float((o - of.float()).abs().max())  # vs Flex's bf16 output
                row[f"attnc[{label}]"] = round(flops / bench(lambda: kd(q, k, v, o, lse, (doc,), check=False)) / 1e9, 1)
            rows.append(row)
            print(json.dumps(row), flush=True)
        del q, k, v, o, lse
        torch.cuda.empty_cache()
    # the fixed cost of one call (fact check, allocation, launch): a tiny shape
    tiny = {}
    if not (ok.get(libs[("document_causal", "default")]) and ok.get(libs[("causal", "default")])):
        sys.exit("the default builds failed: see doc_sweep_build.log")
    q = torch.randn(1, 1, 64, 128, device="cuda", dtype=torch.bfloat16)
    o = torch.empty(1, 1, 64, 128, device="cuda", dtype=torch.float32)
    lse = torch.empty(1, 1, 64, device="cuda", dtype=torch.float32)
    doc = torch.zeros(1, 64, dtype=torch.int32, device="cuda")
    kd = Kernel(libs[("document_causal", "default")], "document_causal", 1)
    kc = Kernel(libs[("causal", "default")], "causal", 0)
    tiny["document_us"] = round(1e3 * bench(lambda: kd(q, q, q, o, lse, (doc,), check=False)), 2)
    tiny["causal_us"] = round(1e3 * bench(lambda: kc(q, q, q, o, lse, (), check=False)), 2)
    print(json.dumps(tiny), flush=True)
    with open(os.path.join(args.out, "doc_sweep.json"), "w") as f:
        json.dump(dict(rows=rows, tiny=tiny, gpu=torch.cuda.get_device_name()), f, indent=1)


if __name__ == "__main__":
    main()
