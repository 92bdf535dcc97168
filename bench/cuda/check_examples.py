"""Checks generated kernels against the float64 oracle on the GPU: every example (small params,
sizes and tensors of tests/examples/cases.ts), random programs from the arbitraries, the numeric
edge cases of docs/language.md § 9 (tests/oracle/edge-cases.ts, ids edge-*), per-row lengths (varlen-*)
and paged KV caches (paged-*: the paged entry point; a case with "expect_rc" must return that error code,
e.g. ATTNC_ERR_PAGE for a page id outside k), in bf16 (max relative
error <= 2e-2) and fp16 (<= 5e-3), with the measure of tests/oracle/compare.ts:
|o - ref| / max(mass, 2^-126) and |lse - ref| / max(1, |ref|), NaN exactly where the oracle has NaN
and infinities matching exactly (anything else is an infinite error).
Cases compiled with --backward (head dims up to 128, finite inputs; also the per-row length cases,
whose padding is NaN in q, k, v and dO) also run the backward on the forward's o and lse and
compare dq, dk, dv and each tensor gradient with the oracle's, per tensor:
||g - ref|| / max(||ref||, u * ||mass||) with u the dtype's unit roundoff (2^-8 bf16, 2^-11 fp16;
mass: the magnitude of the terms each gradient sums, tests/oracle/backward.ts), NaN exactly where
the oracle has NaN; bars 2e-2 (bf16) and 5e-3 (fp16).
Data: bench/cuda/gen-oracle.ts (q, k, v are recomputed from the same hash, or read from
ID.q.bin, ID.k.bin, ID.v.bin (bfloat16 bits) for the edge cases, which also name the dtypes they
are checked in).

  python3 bench/cuda/check_examples.py DATA_DIR BUILD_DIR [ID_SUBSTRING[|ID_SUBSTRING...]]

ATTNC_DEFINES="ATTNC_SM90_D128_PRODUCER=1 ..." builds every kernel with those tile-plan macros (to
check a plan other than the default on every example).
"""
import json, os, sys
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attnc_lib import Kernel, build_all  # noqa: E402

FLT_MIN = 2.0 ** -126
TOL = {torch.bfloat16: 2e-2, torch.float16: 5e-3}


def hashed(n, seed):
    i = np.arange(n, dtype=np.uint32)
    h = i * np.uint32(2654435761) + np.uint32(seed)
    h ^= h >> np.uint32(16)
    h = h * np.uint32(0x45D9F3B)
    h ^= h >> np.uint32(16)
    return ((h % np.uint32(511)).astype(np.int64) - 255) / 64.0


def bf16_file(path):
    """a file of bfloat16 bits as float32"""
    return (np.fromfile(path, dtype=np.uint16).astype(np.uint32) << np.uint32(16)).view(np.float32)


def finite_part(out, ref, scale):
    """(out, ref, scale) where both are finite, or None when the non-finite entries differ: NaN must
    match NaN and an infinity the same infinity exactly (compare.ts)"""
    nan_ref = torch.isnan(ref)
    if not bool((torch.isnan(out) == nan_ref).all()):
        return None
    a, r, m = out[~nan_ref], ref[~nan_ref], scale[~nan_ref]
    inf = torch.isinf(a) | torch.isinf(r)
    if bool((a[inf] != r[inf]).any()):
        return None
    return a[~inf], r[~inf], m[~inf]


def rel_err(out, ref, scale):
    """max |out - ref| / scale over the finite entries; infinite when the non-finite ones differ"""
    part = finite_part(out, ref, scale)
    if part is None:
        return float("inf")
    a, r, m = part
    if a.numel() == 0:
        return 0.0
    if not bool(torch.isfinite(m).all()):
        return float("inf")
    return float(((a - r).abs() / m).max())


GRAD_FLOOR = {torch.bfloat16: 2.0 ** -8, torch.float16: 2.0 ** -11}


def grad_err(got, ref, mass, floor):
    """relative L2 error of a gradient (compare-grad.ts's measure with the dtype's roundoff as floor)"""
    part = finite_part(got.double(), ref.double(), mass.double())
    if part is None:
        return float("inf")
    a, r, m = part
    if a.numel() == 0:
        return 0.0
    den = max(float(r.norm()), floor * float(m.norm()), FLT_MIN * a.numel() ** 0.5)
    return float((a - r).norm()) / den


def check_backward(c, data, kern, q, k, v, o, lse, tensors, dtype, log, lens):
    """the backward of case c on the forward's o, lse; returns its worst error over the gradients"""
    z, s = c["sizes"], c["seed"]
    B, H, HK, SQ, SK, D = z["B"], z["H"], z["H_KV"], z["Q_LEN"], z["KV_LEN"], z["D"]
    dO = torch.from_numpy(hashed(B * H * SQ * D, s + 3)).view(B, H, SQ, D).to("cuda", dtype)
    if "q_lens" in lens:  # NaN in dO's padding rows (past q_lens), which no gradient may read
        past = torch.arange(SQ, device="cuda").view(1, 1, SQ) >= lens["q_lens"].view(B, 1, 1)
        dO[past.expand(B, H, SQ)] = float("nan")
    sentinel = lambda *shape: torch.full(shape, -1.0e37, device="cuda", dtype=torch.float32)
    dq, dk, dv = sentinel(B, H, SQ, D), sentinel(B, HK, SK, D), sentinel(B, HK, SK, D)
    names = c["backward"]["grads"]
    grads = [sentinel(*t.shape) for t, d in zip(tensors, c["tensors"]) if d["dtype"] == "f32"]
    rc = kern.backward(q, k, v, o, lse, dO, dq, dk, dv, tensors, grads, check=False, **lens)
    torch.cuda.synchronize()
    if rc != 0:
        print(f"FAIL backward {c['id']} {dtype}: error code {rc}", flush=True)
        return float("inf"), "rc"
    errs = {}
    for n, got in [("dq", dq), ("dk", dk), ("dv", dv), *[(f"d_{m}", g) for m, g in zip(names, grads)]]:
        ref = torch.from_numpy(np.fromfile(os.path.join(data, f"{c['id']}.{n}.bin"), dtype=np.float32)).cuda()
        mass = torch.from_numpy(np.fromfile(os.path.join(data, f"{c['id']}.{n}.mass.bin"), dtype=np.float32)).cuda()
        errs[n] = grad_err(got.flatten(), ref, mass, GRAD_FLOOR[dtype])
    worst = max(errs, key=errs.get)
    log.write(f"backward {c['id']} {dtype} " + " ".join(f"{n}={e:.3e}" for n, e in errs.items()) + "\n")
    return errs[worst], worst


def check_runners(data, build, cases, log):
    """`attnc run --target cuda`'s host program (runner.ts), built with nvcc (sm_90a on Hopper, else native) as run.ts
    builds it, on raw float32 inputs; its o and lse compared with the oracle like the kernels."""
    import subprocess, tempfile
    fails = 0
    for c in cases:
        src = os.path.join(data, f"{c['id']}.runner.cu")
        if not os.path.exists(src):
            continue
        exe = os.path.join(build, f"{c['id']}.runner")
        arch = "-gencode=arch=compute_90a,code=sm_90a" if torch.cuda.get_device_capability()[0] == 9 else "-arch=native"
        r = subprocess.run(["nvcc", "-O3", "-std=c++17", arch, "-o", exe, src], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"FAIL runner build {c['id']}: {r.stderr[-1500:]}")
            fails += 1
            continue
        z, s = c["sizes"], c["seed"]
        B, H, HK, SQ, SK, D = z["B"], z["H"], z["H_KV"], z["Q_LEN"], z["KV_LEN"], z["D"]
        stored = c.get("qkv") == "stored"
        with tempfile.TemporaryDirectory() as wd:
            if stored:  # q, k, v as bfloat16 bits (k and v the pages of a paged case)
                for t in ("q", "k", "v"):
                    bf16_file(os.path.join(data, f"{c['id']}.{t}.bin")).astype(np.float32).tofile(os.path.join(wd, f"{t}.bin"))
            else:
                hashed(B * H * SQ * D, s).astype(np.float32).tofile(os.path.join(wd, "q.bin"))
                hashed(B * HK * SK * D, s + 1).astype(np.float32).tofile(os.path.join(wd, "k.bin"))
                hashed(B * HK * SK * D, s + 2).astype(np.float32).tofile(os.path.join(wd, "v.bin"))
            for t in ("q_lens", "kv_lens", "page_table"):  # per-row lengths, a page table: the runner reads them by these names
                if os.path.exists(os.path.join(data, f"{c['id']}.{t}.bin")):
                    np.fromfile(os.path.join(data, f"{c['id']}.{t}.bin"), dtype=np.int32).tofile(os.path.join(wd, f"{t}.bin"))
            pages = [str(c["pages"]["size"]), str(c["pages"]["num"])] if "pages" in c else []
            for t in c["tensors"]:
                np.fromfile(os.path.join(data, f"{c['id']}.{t['name']}.bin"), dtype=np.uint8).tofile(os.path.join(wd, f"in_{t['name']}.bin"))  # the runner's file of input NAME
            if "backward" in c:  # the runner then also runs the backward
                hashed(B * H * SQ * D, s + 3).astype(np.float32).tofile(os.path.join(wd, "do.bin"))
            for dt in (0, 1):
                r = subprocess.run([exe, wd, str(B), str(H), str(HK), str(SQ), str(SK), str(D), "0", str(dt), *pages], capture_output=True, text=True)
                if r.returncode != 0:
                    print(f"FAIL runner {c['id']} dtype {dt}: exit {r.returncode} {r.stderr}")
                    fails += 1
                    continue
                o = np.fromfile(os.path.join(wd, "o.bin"), dtype=np.float32)
                lse = np.fromfile(os.path.join(wd, "lse.bin"), dtype=np.float32)
                ref_o = np.fromfile(os.path.join(data, f"{c['id']}.o.bin"), dtype=np.float32)
                ref_l = np.fromfile(os.path.join(data, f"{c['id']}.lse.bin"), dtype=np.float32)
                mass_file = os.path.join(data, f"{c['id']}.mass.bin")
                mass = bf16_file(mass_file) if stored else np.fromfile(mass_file, dtype=np.float16).astype(np.float32)
                err_o = float(np.max(np.abs(o - ref_o) / np.maximum(mass, FLT_MIN)))
                fin = np.isfinite(ref_l)
                err_l = float(np.max(np.abs(lse[fin] - ref_l[fin]) / np.maximum(np.abs(ref_l[fin]), 1.0))) if fin.any() else 0.0
                ok = err_o <= (2e-2 if dt == 0 else 5e-3) and err_l <= 1e-3 and bool(np.all(np.isneginf(lse) == ~fin))
                if "backward" in c:
                    dtype = torch.bfloat16 if dt == 0 else torch.float16
                    for n in ["dq", "dk", "dv", *[f"d_{m}" for m in c["backward"]["grads"]]]:
                        got = torch.from_numpy(np.fromfile(os.path.join(wd, f"{n}.bin"), dtype=np.float32))
                        ref = torch.from_numpy(np.fromfile(os.path.join(data, f"{c['id']}.{n}.bin"), dtype=np.float32))
                        mass = torch.from_numpy(np.fromfile(os.path.join(data, f"{c['id']}.{n}.mass.bin"), dtype=np.float32))
                        e = grad_err(got, ref, mass, GRAD_FLOOR[dtype])
                        log.write(f"runner {c['id']} dtype {dt} backward {n}: {e:.3e}\n")
                        ok = ok and e <= TOL[dtype]
                log.write(f"runner {c['id']} dtype {dt}: err_o={err_o:.3e} err_lse={err_l:.3e} {'OK' if ok else 'FAIL'}\n")
                print(f"attnc run runner {c['id']} {'bf16' if dt == 0 else 'fp16'}: err_o={err_o:.2e} err_lse={err_l:.2e} {'OK' if ok else 'FAIL'}")
                fails += 0 if ok else 1
    return fails


def check_merge(build, cases, log):
    """attnc_NAME_merge on partials with the special values (a partial that saw nothing, with NaN o;
    NaN rows; rows nobody saw; lse near 1e4) against the float64 merge of backends/ts/merge.ts"""
    c = next((c for c in cases if c["normalize"] == "softmax" and os.path.exists(os.path.join(build, f"{c['id']}.so"))), None)
    if c is None:
        return 0
    kern = Kernel(os.path.join(build, f"{c['id']}.so"), c["fn"].removeprefix("attnc_").removesuffix("_forward"), len(c["tensors"]))
    g = np.random.default_rng(5)
    fails = 0
    for n, rows, dv in ((1, 37, 8), (3, 1000, 64), (5, 333, 128)):
        o_p = g.standard_normal((n, rows, dv)).astype(np.float32)
        lse_p = (g.standard_normal((n, rows)) * 3).astype(np.float32)
        lse_p[:, : rows // 10] *= 3000.0  # large lse: weights across partials far apart
        empty = g.random((n, rows)) < 0.2
        lse_p[empty] = -np.inf
        o_p[empty] = np.nan  # a partial that saw nothing adds nothing, whatever its o
        lse_p[:, rows - 1] = -np.inf  # a row nobody saw
        if rows > 2:
            lse_p[n - 1, rows - 2] = np.nan  # a NaN row
        # float64 reference
        lse64 = lse_p.astype(np.float64)
        with np.errstate(all="ignore"):
            bad = np.isnan(lse64).any(0) | np.isposinf(lse64).any(0)
            m = np.where(np.isneginf(lse64), -np.inf, lse64).max(0)
            w = np.where(np.isneginf(lse64), 0.0, np.exp(lse64 - m))
            tot = w.sum(0)
            ref_o = np.einsum("nr,nrc->rc", w, np.where(np.isneginf(lse64)[..., None], 0.0, o_p.astype(np.float64))) / tot[:, None]
            mass = np.einsum("nr,nrc->rc", w, np.where(np.isneginf(lse64)[..., None], 0.0, np.abs(o_p.astype(np.float64)))) / tot[:, None]
            ref_lse = m + np.log(tot)
        none = np.isneginf(m)
        mass[none] = 0.0  # (0/0 above) a row nobody saw must be o = 0 exactly
        ref_o[none] = 0.0
        ref_lse[none] = -np.inf
        ref_o[bad] = np.nan
        ref_lse[bad] = np.nan
        o = torch.full((rows, dv), -1.0e37, device="cuda")
        lse = torch.full((rows,), -1.0e37, device="cuda")
        rc = kern.merge(torch.from_numpy(o_p).cuda(), torch.from_numpy(lse_p).cuda(), o, lse)
        torch.cuda.synchronize()
        go, gl = o.cpu().numpy().astype(np.float64), lse.cpu().numpy().astype(np.float64)
        same_nan = np.array_equal(np.isnan(go), np.isnan(ref_o)) and np.array_equal(np.isnan(gl), np.isnan(ref_lse))
        fin = ~np.isnan(ref_o)
        err_o = float(np.max(np.abs(go[fin] - ref_o[fin]) / np.maximum(mass[fin], 2.0 ** -126), initial=0.0))
        finl = np.isfinite(ref_lse)
        err_l = float(np.max(np.abs(gl[finl] - ref_lse[finl]) / np.maximum(np.abs(ref_lse[finl]), 1.0), initial=0.0))
        inf_ok = np.array_equal(gl[~finl & ~np.isnan(ref_lse)], ref_lse[~finl & ~np.isnan(ref_lse)])
        ok = rc == 0 and same_nan and inf_ok and err_o <= 1e-5 and err_l <= 1e-6
        line = f"merge n={n} rows={rows} dv={dv}: rc={rc} err_o={err_o:.2e} err_lse={err_l:.2e} nan_match={same_nan} {'OK' if ok else 'FAIL'}"
        log.write(line + "\n")
        print(line, flush=True)
        fails += 0 if ok else 1
    return fails


# the split counts each decode-* case runs with (None: the entry point's own choice), forced through
# ATTNC_DECODE_SPLITS (decode.ts): one split, a few, more than the key tiles (empty splits)
DECODE_SPLITS = [1, 2, 3, 7, 64, None]


def main():
    data, build = sys.argv[1], sys.argv[2]
    os.makedirs(build, exist_ok=True)
    cases = json.load(open(os.path.join(data, "manifest.json")))
    if len(sys.argv) > 3:  # only the cases whose id contains this text, or one of TEXT|TEXT|... (e.g. under compute-sanitizer)
        cases = [c for c in cases if any(part in c["id"] for part in sys.argv[3].split("|"))]
    log = open(os.path.join(os.environ.get("OUT", "/tmp"), "examples.log"), "w")
    defines = os.environ.get("ATTNC_DEFINES", "").split()
    built = build_all([(os.path.join(data, f"{c['id']}.cu"), os.path.join(build, f"{c['id']}.so"), defines) for c in cases], log)
    fails = 0
    worst = {torch.bfloat16: 0.0, torch.float16: 0.0}
    worst_bwd = {torch.bfloat16: 0.0, torch.float16: 0.0}
    n_bwd = 0
    for c in cases:
        so = os.path.join(build, f"{c['id']}.so")
        if not built[so]:
            fails += 1
            continue
        z = c["sizes"]
        B, H, HK, SQ, SK, D, DV = z["B"], z["H"], z["H_KV"], z["Q_LEN"], z["KV_LEN"], z["D"], z["DV"]
        n_grads = sum(1 for t in c["tensors"] if t["dtype"] == "f32")
        kern = Kernel(so, c["fn"].removeprefix("attnc_").removesuffix("_forward"), len(c["tensors"]), n_grads)
        tensors = []
        for t in c["tensors"]:
            raw = np.fromfile(os.path.join(data, f"{c['id']}.{t['name']}.bin"), dtype=np.int32 if t["dtype"] == "i32" else np.float32)
            tensors.append(torch.from_numpy(raw).cuda())
        ref_o = torch.from_numpy(np.fromfile(os.path.join(data, f"{c['id']}.o.bin"), dtype=np.float32)).cuda()
        stored = c.get("qkv") == "stored"
        mass_file = os.path.join(data, f"{c['id']}.mass.bin")
        mass = torch.from_numpy(bf16_file(mass_file) if stored else np.fromfile(mass_file, dtype=np.float16).astype(np.float32)).cuda()
        softmax = c["normalize"] == "softmax"
        ref_lse = torch.from_numpy(np.fromfile(os.path.join(data, f"{c['id']}.lse.bin"), dtype=np.float32)).cuda() if softmax else None
        s = c["seed"]
        if stored:
            raw = {t: bf16_file(os.path.join(data, f"{c['id']}.{t}.bin")) for t in ("q", "k", "v")}
        else:
            raw = {"q": hashed(B * H * SQ * D, s), "k": hashed(B * HK * SK * D, s + 1), "v": hashed(B * HK * SK * DV, s + 2)}
        dtypes = [{"bf16": torch.bfloat16, "f16": torch.float16}[d] for d in c.get("dtypes", ["bf16", "f16"])]
        for dtype in dtypes:
            pages = c.get("pages")  # a paged KV cache: k and v are [NUM_PAGES, H_KV, PAGE, D]
            kv_shape = (pages["num"], HK, pages["size"]) if pages else (B, HK, SK)
            q = torch.from_numpy(raw["q"]).view(B, H, SQ, D).to("cuda", dtype)
            k = torch.from_numpy(raw["k"]).view(*kv_shape, D).to("cuda", dtype)
            v = torch.from_numpy(raw["v"]).view(*kv_shape, DV).to("cuda", dtype)
            # decode-* cases: the decode kernel with several forced split counts, then the automatic one
            for splits in DECODE_SPLITS if c["id"].startswith("decode-") else [None]:
                if splits is None:
                    os.environ.pop("ATTNC_DECODE_SPLITS", None)
                else:
                    os.environ["ATTNC_DECODE_SPLITS"] = str(splits)
                tag = "" if splits is None else f" splits={splits}"
                # a finite sentinel: an output the kernel does not write fails, also where the oracle is NaN
                o = torch.full(q.shape, -1.0e37, device="cuda", dtype=torch.float32)
                lse = torch.full((B, H, SQ), -1.0e37, device="cuda", dtype=torch.float32)
                lens = {}
                if c.get("lens"):  # per-row lengths: the varlen entry point
                    for t in ("q_lens", "kv_lens"):
                        lens[t] = torch.from_numpy(np.fromfile(os.path.join(data, f"{c['id']}.{t}.bin"), dtype=np.int32)).cuda()
                if pages:  # the paged entry point
                    table = np.fromfile(os.path.join(data, f"{c['id']}.page_table.bin"), dtype=np.int32)
                    lens["page_table"] = torch.from_numpy(table).view(B, SK // pages["size"]).cuda()
                rc = kern(q, k, v, o, lse, tensors, check=False, **lens)
                torch.cuda.synchronize()
                fwd_ok = rc == 0
                if "expect_rc" in c:  # the call must refuse its arguments (a page id outside k) with this code
                    ok = rc == c["expect_rc"]
                    log.write(f"{c['id']} {dtype}: rc={rc} (expected {c['expect_rc']}) {'OK' if ok else 'FAIL'}\n")
                    if not ok:
                        fails += 1
                        print(f"FAIL {c['id']} {dtype}: error code {rc}, expected {c['expect_rc']}", flush=True)
                    break
                if rc != 0:
                    fails += 1
                    print(f"FAIL {c['id']} {dtype}{tag}: error code {rc}", flush=True)
                    continue
                err_o = rel_err(o.float().flatten(), ref_o, mass.clamp_min(FLT_MIN))
                err_l = rel_err(lse.flatten(), ref_lse, ref_lse.abs().clamp_min(1.0)) if softmax else 0.0
                err = max(err_o, err_l)
                worst[dtype] = max(worst[dtype], err)
                ok = err <= TOL[dtype]
                log.write(f"{c['id']} {dtype}{tag} D={D} Q={SQ} KV={SK} err_o={err_o:.3e} err_lse={err_l:.3e} {'OK' if ok else 'FAIL'}\n")
                if not ok:
                    fails += 1
                    print(f"FAIL {c['id']} ({c['file']}) {dtype}{tag}: err_o={err_o:.3e} err_lse={err_l:.3e}", flush=True)
            if "expect_rc" in c or not fwd_ok:
                continue
            if "backward" in c and os.environ.get("ATTNC_NO_BACKWARD") != "1":
                gerr, which = check_backward(c, data, kern, q, k, v, o, lse if softmax else None, tensors, dtype, log, lens)
                worst_bwd[dtype] = max(worst_bwd[dtype], gerr)
                n_bwd += 1
                if not gerr <= TOL[dtype]:
                    fails += 1
                    print(f"FAIL backward {c['id']} ({c['file']}) {dtype}: {which} err={gerr:.3e}", flush=True)
    fails += check_runners(data, build, cases, log)
    fails += check_merge(build, cases, log)
    print(f"examples, random programs and edge cases vs float64 oracle: {len(cases)} cases x their dtypes, {fails} failures; "
          f"worst bf16 {worst[torch.bfloat16]:.2e} (tol 2e-2), fp16 {worst[torch.float16]:.2e} (tol 5e-3); "
          f"backward: {n_bwd} runs, worst bf16 {worst_bwd[torch.bfloat16]:.2e}, fp16 {worst_bwd[torch.float16]:.2e}", flush=True)
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
