"""The decode table of issue #13: one new query token per sequence (Q_LEN = 1) against a KV cache, GQA
H = 32, H_KV = 8, D = 128, bf16; B x KV_LEN over {1, 16, 64} x {4096, 32768, 131072}; masks causal
bottom-right (examples/causal-bottom-right.attn: every cached key) and a bottom-right sliding window of
4096 keys (bench/cuda/decode/decode-window.attn); the cache dense and in pages of 16 and 64 keys.

Reported per row: time, GB/s of the K/V bytes a call must read (the visible keys' k and v), and that as a
share of the device's copy bandwidth measured in the same run (a large device-to-device copy: bytes read
plus written over time); next to FlexAttention decoding (flex_attention with Q_LEN = 1 under
torch.compile, with a block mask) and SDPA (bottom-right causal only: at Q_LEN = 1 every key is visible,
so SDPA runs without a mask, GQA through enable_gqa) on the same dense cache. Every attnc result is
checked against SDPA or Flex first (bf16, max abs error relative to max |o|).

Usage (GPU machine): python3 bench/cuda/decode_bench.py --kernels DIR --out OUT [--quick] [--graphs]
[--defines "ATTNC_CHECK_PAGES=0"]
(--graphs: every time is a CUDA graph's replay, the GPU's time without the host's launch overhead;
the paged calls' page-id check is skipped under capture, so it also shows the kernels without it)
DIR holds causal_bottom_right.cu and decode_window.cu from
`attnc compile FILE --target cuda --dtype bf16 --head-dim 128`.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from attnc_lib import Kernel, build_all  # noqa: E402

H, H_KV, D = 32, 8, 128
WINDOW = 4096


GRAPHS = False  # --graphs: time each call as the replay of a CUDA graph that holds it


def bench(fn):
    """median ms of fn; with --graphs, of replaying a CUDA graph captured from one call of fn (the GPU's
    time alone, as a server that captures its decode step sees it: small calls are otherwise bound by
    the host's launch overhead, ctypes and PyTorch's dispatch alike)"""
    from triton.testing import do_bench
    fn()
    torch.cuda.synchronize()
    if GRAPHS:
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            fn()  # warm-up on a side stream, as torch.cuda.graph wants
        torch.cuda.current_stream().wait_stream(side)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            fn()
        fn = graph.replay
    return do_bench(fn, warmup=10, rep=60, return_mode="median")


def copy_bandwidth():
    """GB/s of a 2 GiB device-to-device copy (read + written bytes over time)."""
    n = 1 << 30
    src = torch.empty(n, dtype=torch.bfloat16, device="cuda").normal_()
    dst = torch.empty_like(src)
    from triton.testing import do_bench
    ms = do_bench(lambda: dst.copy_(src), warmup=10, rep=60, return_mode="median")
    del src, dst
    torch.cuda.empty_cache()
    return 2 * 2 * n / ms / 1e6


def paginate(k, v, page, gen):
    """k, v [B, H_KV, S, D] into pages [B * S / page, H_KV, page, D] in a shuffled order, and the table."""
    B, HK, S, Dd = k.shape
    n = S // page
    perm = torch.randperm(B * n, generator=gen).cuda()
    table = perm.view(B, n).to(torch.int32)
    kp = torch.empty(B * n, HK, page, Dd, dtype=k.dtype, device="cuda")
    vp = torch.empty_like(kp)
    kp[perm] = k.view(B, HK, n, page, Dd).permute(0, 2, 1, 3, 4).reshape(B * n, HK, page, Dd)
    vp[perm] = v.view(B, HK, n, page, Dd).permute(0, 2, 1, 3, 4).reshape(B * n, HK, page, Dd)
    return kp, vp, table


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernels", required=True)
    ap.add_argument("--out", default=os.environ.get("OUT", "/tmp"))
    ap.add_argument("--build", default="/tmp/attnc-decode")
    ap.add_argument("--quick", action="store_true", help="B in {1, 16}, KV_LEN in {4096, 32768}")
    ap.add_argument("--no-flex", action="store_true")
    ap.add_argument("--graphs", action="store_true", help="time CUDA graph replays (GPU time without launch overhead)")
    ap.add_argument("--defines", default="", help="build macros, e.g. ATTNC_CHECK_PAGES=0 (the paged calls without the page-id check's stream sync)")
    args = ap.parse_args()
    global GRAPHS
    GRAPHS = args.graphs
    os.makedirs(args.build, exist_ok=True)
    log = open(os.path.join(args.out, "decode-build.log"), "w")
    stems = ["causal_bottom_right", "decode_window"]
    ok = build_all([(os.path.join(args.kernels, f"{s}.cu"), os.path.join(args.build, f"{s}.so"), args.defines.split()) for s in stems], log)
    if not all(ok.values()):
        sys.exit(1)
    kern = {s: Kernel(os.path.join(args.build, f"{s}.so"), s, 0) for s in stems}
    from torch.nn.attention.flex_attention import create_block_mask, flex_attention
    import torch._dynamo
    torch._dynamo.config.cache_size_limit = 64
    flex = torch.compile(flex_attention, dynamic=False)

    bw = copy_bandwidth()
    print(json.dumps({"device": torch.cuda.get_device_name(), "copy_GBps": round(bw, 1), "graphs": GRAPHS, "defines": args.defines}), flush=True)
    gen = torch.Generator().manual_seed(0)
    rows = []
    Bs = [1, 16] if args.quick else [1, 16, 64]
    Ss = [4096, 32768] if args.quick else [4096, 32768, 131072]
    for B in Bs:
        for S in Ss:
            q = torch.randn(B, H, 1, D, device="cuda", dtype=torch.bfloat16)
            k = torch.randn(B, H_KV, S, D, device="cuda", dtype=torch.bfloat16)
            v = torch.randn(B, H_KV, S, D, device="cuda", dtype=torch.bfloat16)
            o = torch.empty(B, H, 1, D, device="cuda", dtype=torch.float32)
            lse = torch.empty(B, H, 1, device="cuda", dtype=torch.float32)
            for mask_name, stem in [("causal-bottom-right", "causal_bottom_right"), ("window4096", "decode_window")]:
                keys = S if mask_name == "causal-bottom-right" else min(S, WINDOW)
                kv_bytes = 2 * B * H_KV * keys * D * 2
                row = dict(B=B, KV_LEN=S, mask=mask_name, kv_GB=round(kv_bytes / 1e9, 3))
                # the peers' output (reference for the check)
                if mask_name == "causal-bottom-right":
                    ref = F.scaled_dot_product_attention(q, k, v, enable_gqa=True).float()
                    ms = bench(lambda: F.scaled_dot_product_attention(q, k, v, enable_gqa=True))
                    row["sdpa_us"] = round(ms * 1e3, 1)
                    row["sdpa_GBps"] = round(kv_bytes / ms / 1e6, 1)
                    mod = None
                else:
                    def mod(b, h, qi, ki, S=S):
                        pos = qi + (S - 1)
                        return (ki <= pos) & (pos - ki < WINDOW)
                    ref = None
                if not args.no_flex:
                    try:
                        bm = create_block_mask(mod, B=None, H=None, Q_LEN=1, KV_LEN=S) if mod else None
                        fo = flex(q, k, v, block_mask=bm, enable_gqa=True)
                        if ref is None:
                            ref = fo.float()
                        ms = bench(lambda: flex(q, k, v, block_mask=bm, enable_gqa=True))
                        row["flex_us"] = round(ms * 1e3, 1)
                        row["flex_GBps"] = round(kv_bytes / ms / 1e6, 1)
                    except Exception as e:  # noqa: BLE001
                        log.write(f"flex {B} {S} {mask_name}: {e}\n")
                        row["flex_error"] = str(e)[:200]
                for layout in ["dense", "p16", "p64"]:
                    if layout == "dense":
                        call = lambda: kern[stem](q, k, v, o, lse, check=False)  # noqa: E731
                    else:
                        try:
                            kp, vp, table = paginate(k, v, int(layout[1:]), gen)
                        except torch.cuda.OutOfMemoryError:
                            row[f"attnc_{layout}"] = "out of memory for a second copy of the cache"
                            torch.cuda.empty_cache()
                            continue
                        call = lambda kp=kp, vp=vp, table=table: kern[stem](q, kp, vp, o, lse, check=False, page_table=table)  # noqa: E731
                    rc = call()
                    torch.cuda.synchronize()
                    if rc != 0:
                        row[f"attnc_{layout}_rc"] = rc
                        continue
                    if ref is not None:
                        err = ((o - ref).abs().max() / ref.abs().max()).item()
                        row[f"err_{layout}"] = float(f"{err:.2e}")
                        if not err <= 2e-2 or math.isnan(err):
                            print(f"FAIL {B} {S} {mask_name} {layout}: err {err}", flush=True)
                    ms = bench(call)
                    row[f"attnc_{layout}_us"] = round(ms * 1e3, 1)
                    row[f"attnc_{layout}_GBps"] = round(kv_bytes / ms / 1e6, 1)
                    row[f"attnc_{layout}_of_copy"] = round(kv_bytes / ms / 1e6 / bw, 3)
                    if layout != "dense":
                        del kp, vp, table
                if "flex_us" in row and "attnc_dense_us" in row:
                    row["attnc/flex"] = round(row["flex_us"] / row["attnc_dense_us"], 2)
                if "sdpa_us" in row and "attnc_dense_us" in row:
                    row["attnc/sdpa"] = round(row["sdpa_us"] / row["attnc_dense_us"], 2)
                rows.append(row)
                print(json.dumps(row), flush=True)
            del q, k, v, o, lse
            torch.cuda.empty_cache()
    json.dump(dict(device=torch.cuda.get_device_name(), copy_GBps=bw, graphs=GRAPHS, defines=args.defines, date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), rows=rows),
              open(os.path.join(args.out, "decode.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
