"""Runs one attnc kernel (and optionally FlexAttention) a few times on one benchmark shape, for a
profiler to attach to (Nsight Compute: `ncu -k regex:forward_kernel --launch-skip 3 --launch-count 1
--section WarpStateStats ... python3 bench/cuda/ncu_run.py ...`).

  python3 bench/cuda/ncu_run.py --variant doc8-causal --shape 4,16,16,4096,128 [--defines "A=1 B=2"] [--flex]
  [--backward]   (kernels built with --backward: also runs attnc_<name>_backward after each forward,
                  e.g. ncu -k regex:bwd_dkdv_kernel)
"""
import argparse, os, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attnc_lib import Kernel, build_all  # noqa: E402
from variants import variants  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", required=True)
    ap.add_argument("--shape", default="4,16,16,4096,128", help="B,H,H_KV,S,D")
    ap.add_argument("--defines", default="")
    ap.add_argument("--kernels", default="bench/cuda/kernels")
    ap.add_argument("--build", default="/tmp/attnc-profile")
    ap.add_argument("--flex", action="store_true", help="also run FlexAttention on the same tensors")
    ap.add_argument("--iters", type=int, default=5)
    ap.add_argument("--backward", action="store_true", help="also run the backward (kernels compiled with --backward)")
    args = ap.parse_args()
    B, H, H_KV, S, D = (int(x) for x in args.shape.split(","))
    gen = torch.Generator().manual_seed(0)
    var = variants(B, H, S, S, gen)[args.variant]
    os.makedirs(args.build, exist_ok=True)
    tag = "_".join(d.replace("=", "") for d in args.defines.split()) or "default"
    so = os.path.join(args.build, f"{var['stem']}.so" if not args.defines else f"{var['stem']}_{tag}.so")
    with open(os.path.join(args.build, "build.log"), "a") as log:
        if not build_all([(os.path.join(args.kernels, f"{var['stem']}.cu"), so, args.defines.split())], log)[so]:
            sys.exit("build failed")
    n_grads = sum(1 for t in var["tensors"] if t.dtype == torch.float32) if args.backward else 0
    kern = Kernel(so, var["stem"], len(var["tensors"]), n_grads)
    g = torch.Generator(device="cuda").manual_seed(1)
    q = torch.randn(B, H, S, D, device="cuda", dtype=torch.bfloat16, generator=g)
    k = torch.randn(B, H_KV, S, D, device="cuda", dtype=torch.bfloat16, generator=g)
    v = torch.randn(B, H_KV, S, D, device="cuda", dtype=torch.bfloat16, generator=g)
    o = torch.empty(B, H, S, D, device="cuda", dtype=torch.float32)
    lse = torch.empty(B, H, S, device="cuda", dtype=torch.float32)
    if args.backward:
        dO = torch.randn(B, H, S, D, device="cuda", dtype=torch.bfloat16, generator=g)
        dq, dk, dv = torch.empty_like(o), torch.empty(B, H_KV, S, D, device="cuda"), torch.empty(B, H_KV, S, D, device="cuda")
        grads = [torch.zeros_like(t) for t in var["tensors"] if t.dtype == torch.float32]
    for _ in range(args.iters):
        kern(q, k, v, o, lse, var["tensors"])
        if args.backward:
            kern.backward(q, k, v, o, lse, dO, dq, dk, dv, var["tensors"], grads)
    torch.cuda.synchronize()
    if args.flex:
        from torch.nn.attention.flex_attention import flex_attention, create_block_mask
        flex = torch.compile(flex_attention, dynamic=False)
        bm = create_block_mask(var["mask"], B=B, H=None, Q_LEN=S, KV_LEN=S) if var["mask"] else None
        for _ in range(args.iters):
            flex(q, k, v, score_mod=var["score"], block_mask=bm, enable_gqa=H_KV != H)
        torch.cuda.synchronize()
    print("done", args.variant, args.shape, args.defines or "(default plan)")


if __name__ == "__main__":
    main()
