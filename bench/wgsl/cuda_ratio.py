"""Times attnc's CUDA kernels (bf16) on the WGSL harness's shapes, for the WGSL/CUDA ratio.

Run on the GPU machine in the same call as bench/wgsl/bench.mjs:
    python3 bench/wgsl/cuda_ratio.py --out $OUT
Builds bench/cuda/kernels/{full,causal,sliding_window}.cu for sm_90a, checks each against a
float32 PyTorch reference, times them with triton's do_bench (median) on B=1,2,4, H=16, S=4096,
D=64 and 128, and writes cuda-ratio.json: TFLOP/s counting only unmasked work.
"""
import argparse, json, os, sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cuda"))
from attnc_lib import Kernel, build_all  # noqa: E402
from variants import variants, density  # noqa: E402
from reference import reference, compare  # noqa: E402

NAMES = {"full": "full", "causal": "causal", "sliding_window": "swa1024"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.environ.get("OUT", "/tmp"))
    ap.add_argument("--build", default="/tmp/attnc-ratio")
    args = ap.parse_args()
    os.makedirs(args.build, exist_ok=True)
    log = open(os.path.join(args.out, "cuda-ratio.log"), "w")
    jobs = [(f"bench/cuda/kernels/{st}.cu", f"{args.build}/{st}.so", []) for st in NAMES]
    built = build_all(jobs, log)
    assert all(built.values()), "build failed"
    gen = torch.Generator().manual_seed(0)
    from triton.testing import do_bench
    rows = []
    for D in (64, 128):
        for B in (1, 2, 4):
            H, S = 16, 4096
            g = torch.Generator(device="cuda").manual_seed(B * 1000 + D)
            q, k, v = (torch.randn(B, H, S, D, device="cuda", dtype=torch.bfloat16, generator=g) for _ in range(3))
            vs = variants(B, H, S, S, gen)
            for st, name in NAMES.items():
                var = vs[name]
                kern = Kernel(f"{args.build}/{st}.so", st, 0)
                o = torch.empty(B, H, S, D, device="cuda", dtype=torch.float32)
                lse = torch.empty(B, H, S, device="cuda", dtype=torch.float32)
                kern(q, k, v, o, lse)
                torch.cuda.synchronize()
                if B == 1:
                    ro, rlse = reference(q, k, v, var, D ** -0.5)
                    res = compare(o, lse, ro, rlse, False)
                    assert res["ok_finite"] and res["o_err"] <= 2e-2, (st, D, res)
                ms = do_bench(lambda: kern(q, k, v, o, lse, check=False), warmup=25, rep=120, return_mode="median")
                dens = density(var["mask"], B, H, S, S)
                tf = 4 * B * H * S * S * D * dens / (ms * 1e-3) / 1e12
                rows.append(dict(variant=st, D=D, B=B, ms=ms, tflops=tf, density=dens))
                print(f"cuda {st} D={D} B={B}: {ms:.3f} ms {tf:.1f} TFLOP/s", flush=True)
    json.dump(dict(gpu=torch.cuda.get_device_name(), rows=rows), open(os.path.join(args.out, "cuda-ratio.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
