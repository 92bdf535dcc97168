"""Builds generated attnc .cu files into shared libraries with nvcc and calls their
`attnc_<name>_forward` through ctypes on PyTorch tensors (data_ptr + the current stream)."""
import ctypes
import os
import subprocess
import torch

NVCC_FLAGS = ["-O3", "-std=c++17", "-Xcompiler", "-fPIC", "-shared", "--resource-usage"]
DTYPES = {torch.bfloat16: 0, torch.float16: 1}


def build_cmd(src, out, arch="sm_90a", defines=()):
    comp = arch.replace("sm_", "compute_")
    return ["nvcc", *NVCC_FLAGS, f"-gencode=arch={comp},code={arch}", *[f"-D{d}" for d in defines], "-o", out, src]


def build_all(jobs, log):
    """jobs: list of (src, out, defines). Builds in parallel; returns {out: ok}.
    ATTNC_REUSE=1 keeps a library that is newer than its source (built elsewhere with the same nvcc
    and flags, e.g. ahead of a GPU call) instead of building it again."""
    procs = []
    ok = {}
    reuse = os.environ.get("ATTNC_REUSE") == "1"
    for src, out, defines in jobs:
        if reuse and os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(src):
            log.write(f"reused {out}\n")
            ok[out] = True
            continue
        if os.path.exists(out):  # a failed build must not leave an older library in its place
            os.remove(out)
        cmd = build_cmd(src, out, defines=defines)
        procs.append((out, cmd, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
    for out, cmd, p in procs:
        text, _ = p.communicate()
        log.write(" ".join(cmd) + "\n" + text + "\n")
        ok[out] = p.returncode == 0
        if p.returncode != 0:
            print("BUILD FAILED", out, text[-2000:])
    return ok


class Kernel:
    def __init__(self, so, name, n_tensors, n_grads=0):
        self.lib = ctypes.CDLL(os.path.abspath(so))
        self.fn = getattr(self.lib, f"attnc_{name}_forward")
        self.fn.restype = ctypes.c_int
        self.fn.argtypes = (
            [ctypes.c_void_p] * 5 + [ctypes.c_int] * 6 + [ctypes.c_float, ctypes.c_int]
            + [ctypes.c_void_p] * n_tensors + [ctypes.c_void_p]
        )

        self.bwd = getattr(self.lib, f"attnc_{name}_backward", None)  # compiled with --backward
        if self.bwd is not None:
            self.n_grads = n_grads
            self.bwd.restype = ctypes.c_int
            self.bwd.argtypes = (
                [ctypes.c_void_p] * 9 + [ctypes.c_int] * 6 + [ctypes.c_float, ctypes.c_int]
                + [ctypes.c_void_p] * (n_tensors + n_grads) + [ctypes.c_void_p]
            )

        self.bwd_varlen = getattr(self.lib, f"attnc_{name}_backward_varlen", None)  # its per-row-lengths form
        if self.bwd_varlen is not None:  # the backward's arguments, then q_lens, kv_lens before the stream
            self.bwd_varlen.restype = ctypes.c_int
            self.bwd_varlen.argtypes = self.bwd.argtypes[:-1] + [ctypes.c_void_p] * 3

        self.varlen = getattr(self.lib, f"attnc_{name}_forward_varlen", None)  # per-row lengths
        if self.varlen is not None:
            self.varlen.restype = ctypes.c_int
            self.varlen.argtypes = (
                [ctypes.c_void_p] * 5 + [ctypes.c_int] * 6 + [ctypes.c_float, ctypes.c_int]
                + [ctypes.c_void_p] * n_tensors + [ctypes.c_void_p] * 3
            )

        self.paged = getattr(self.lib, f"attnc_{name}_forward_paged", None)  # a paged KV cache
        if self.paged is not None:
            self.paged.restype = ctypes.c_int
            self.paged.argtypes = (
                [ctypes.c_void_p] * 5 + [ctypes.c_int] * 6 + [ctypes.c_float, ctypes.c_int]
                + [ctypes.c_void_p] * n_tensors + [ctypes.c_void_p] * 3 + [ctypes.c_int] * 2 + [ctypes.c_void_p]
            )

        self.merge_fn = getattr(self.lib, f"attnc_{name}_merge", None)  # softmax programs
        if self.merge_fn is not None:
            self.merge_fn.restype = ctypes.c_int
            self.merge_fn.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_int64, ctypes.c_int,
                                      ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]

        self.skeleton_fn = getattr(self.lib, f"attnc_{name}_skeleton")
        self.skeleton_fn.restype = ctypes.c_int
        self.skeleton_fn.argtypes = [ctypes.c_int]

    def skeleton(self, D):
        """90: the sm_90a (wgmma) kernel runs for head dim D on this GPU; 80: the sm_80 one; 0: no D."""
        return self.skeleton_fn(D)

    def __call__(self, q, k, v, o, lse, tensors=(), scale=0.0, check=True, q_lens=None, kv_lens=None, page_table=None):
        """q_lens, kv_lens: per-row lengths (int32 CUDA tensors of B values, or None): the varlen entry point;
        page_table: a paged KV cache (int32 CUDA tensor [B, MAX_PAGES], k and v [NUM_PAGES, H_KV, PAGE, D],
        KV_LEN = MAX_PAGES * PAGE): the paged entry point"""
        B, H, S_q, D = q.shape
        H_KV, S_kv = k.shape[1], k.shape[2]
        if page_table is not None:
            S_kv = page_table.shape[1] * k.shape[2]
        stream = torch.cuda.current_stream().cuda_stream
        args = [q.data_ptr(), k.data_ptr(), v.data_ptr(), o.data_ptr(), lse.data_ptr() if lse is not None else None,
                B, H, H_KV, S_q, S_kv, D, scale, DTYPES[q.dtype], *[t.data_ptr() for t in tensors]]
        lens = [q_lens.data_ptr() if q_lens is not None else None, kv_lens.data_ptr() if kv_lens is not None else None]
        if page_table is not None:
            rc = self.paged(*args, *lens, page_table.data_ptr(), k.shape[2], k.shape[0], stream)
        elif q_lens is None and kv_lens is None:
            rc = self.fn(*args, stream)
        else:
            rc = self.varlen(*args, *lens, stream)
        if check and rc != 0:
            raise RuntimeError(f"attnc kernel returned error code {rc}")
        return rc

    def merge(self, o_parts, lse_parts, o, lse):
        """attnc_<name>_merge: o_parts [N, rows, DV], lse_parts [N, rows] (float32) into o [rows, DV], lse [rows]"""
        n, rows, dv = o_parts.shape
        stream = torch.cuda.current_stream().cuda_stream
        return self.merge_fn(o_parts.data_ptr(), lse_parts.data_ptr(), n, rows, dv, o.data_ptr(), lse.data_ptr(), stream)

    def backward(self, q, k, v, o, lse, dO, dq, dk, dv, tensors=(), grads=(), scale=0.0, check=True, q_lens=None, kv_lens=None):
        """attnc_<name>_backward: dq, dk, dv and the f32 tensors' gradients (float32) from dO (q's dtype)
        and the forward's o and lse; with q_lens / kv_lens (int32 device tensors [B]) the varlen form"""
        B, H, S_q, D = q.shape
        H_KV, S_kv = k.shape[1], k.shape[2]
        stream = torch.cuda.current_stream().cuda_stream
        args = [
            q.data_ptr(), k.data_ptr(), v.data_ptr(), o.data_ptr(), lse.data_ptr() if lse is not None else None,
            dO.data_ptr(), dq.data_ptr(), dk.data_ptr(), dv.data_ptr(),
            B, H, H_KV, S_q, S_kv, D, scale, DTYPES[q.dtype],
            *[t.data_ptr() for t in tensors], *[g.data_ptr() for g in grads],
        ]
        if q_lens is None and kv_lens is None:
            rc = self.bwd(*args, stream)
        else:
            ptr = lambda t: t.data_ptr() if t is not None else None
            rc = self.bwd_varlen(*args, ptr(q_lens), ptr(kv_lens), stream)
        if check and rc != 0:
            raise RuntimeError(f"attnc backward returned error code {rc}")
        return rc
