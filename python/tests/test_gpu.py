"""attnc_torch on a GPU: forward and backward of generated kernels through PyTorch.

Skipped as a whole without torch or CUDA (CI has neither), and without node + dist/ or nvcc. Run on
the GPU machine with python/tests/run_gpu.sh. Each variant is built once (in parallel, into one
cache) for the GPU's architecture, bf16 and D = 64 (causal: both dtypes, D = 64 and 128).

Checked: o and lse against a float32 PyTorch reference on the same (rounded) inputs and o against
FlexAttention with the same mask_mod / score_mod; dq, dk, dv and tensor gradients against autograd
through the float32 reference; the bshd layout and non-contiguous or misaligned inputs (bit-equal
to the contiguous call); a torch.compile(fullgraph=True) training step against eager; CUDA-graph
capture of the forward and of forward + backward; per-row lengths; empty sizes; torch.library's
opcheck; the error messages.
"""
import math
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
if not torch.cuda.is_available():
    pytest.skip("needs a CUDA device", allow_module_level=True)

from _helpers import CLI_JS, EXAMPLES, cli_available, nvcc_available  # noqa: E402

if not (cli_available() and nvcc_available()):
    pytest.skip("needs node + dist/ (npm run build) and nvcc", allow_module_level=True)

import attnc_torch  # noqa: E402
from attnc_torch._load import arch_for_capability  # noqa: E402

DEV = "cuda"
BF16, F16 = torch.bfloat16, torch.float16
CAP = 5.0  # softcap: small enough that tanh bends the scores of these inputs


# ---- the variants: file, params, build options, and the same mask / score as PyTorch functions ----

def causal_mask(b, h, qi, ki):
    return ki <= qi


def softcap_score(s, b, h, qi, ki):
    return CAP * torch.tanh(s / CAP)


VARIANTS = {
    "causal": dict(file="causal.attn", params={}, build=dict(dtype=None, head_dim=None), mask=causal_mask, score=None),
    "softcap": dict(file="softcap.attn", params={"cap": CAP}, build=dict(dtype=BF16, head_dim=64), mask=causal_mask,
                    score=softcap_score),
    "document": dict(file="document-causal.attn", params={}, build=dict(dtype=BF16, head_dim=64), mask=None, score=None),
    "alibi": dict(file="alibi.attn", params={}, build=dict(dtype=BF16, head_dim=64), mask=causal_mask, score=None),
    "sigmoid": dict(file="sigmoid-attention.attn", params={"causal": True}, build=dict(dtype=BF16, head_dim=64),
                    mask=causal_mask, score=None, sigmoid=True),
}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    # $ATTNC_TORCH_CACHE (run_gpu.sh sets it): a warm machine's second run finds its builds
    env = os.environ.get("ATTNC_TORCH_CACHE")
    return Path(env) if env else tmp_path_factory.mktemp("attnc_torch_cache")


@pytest.fixture(scope="module")
def kernels(cache_dir):
    """Every variant loaded once; the nvcc builds run in parallel first (load then finds them cached)."""
    arch = arch_for_capability(*torch.cuda.get_device_capability())

    def build(name):
        v = VARIANTS[name]
        return attnc_torch.build(EXAMPLES / v["file"], v["params"], arch=arch, cli=str(CLI_JS), cache_dir=cache_dir,
                                 **v["build"])

    with ThreadPoolExecutor(len(VARIANTS)) as ex:
        list(ex.map(build, VARIANTS))
    return {name: attnc_torch.load(EXAMPLES / v["file"], v["params"], cli=str(CLI_JS), cache_dir=cache_dir, **v["build"])
            for name, v in VARIANTS.items()}


# ---- inputs, the float32 reference and the error measures ----

def qkv(B, H, H_KV, S_q, S_kv, D, dtype=BF16, q_scale=1.0, seed=0):
    g = torch.Generator(device=DEV).manual_seed(seed)
    q = (torch.randn(B, H, S_q, D, device=DEV, generator=g) * q_scale).to(dtype)
    k = torch.randn(B, H_KV, S_kv, D, device=DEV, generator=g).to(dtype)
    v = torch.randn(B, H_KV, S_kv, D, device=DEV, generator=g).to(dtype)
    return q, k, v


def make_doc(B, S, seed=1):
    """Sorted document ids (int64, as numpy and PyTorch make them): 3 documents per row at random cuts."""
    g = torch.Generator().manual_seed(seed)
    doc = torch.zeros(B, S, dtype=torch.int64)
    for b in range(B):
        for c in torch.sort(torch.randperm(S - 1, generator=g)[:2] + 1).values:
            doc[b, c:] += 1
    return doc.to(DEV)


def alibi_slopes(H):
    return torch.exp2(-8.0 * (torch.arange(H, dtype=torch.float32, device=DEV) + 1) / H)


def variant_fns(name, tensors):
    """(mask, score) of a variant as functions of broadcast index tensors (reference and Flex alike)."""
    v = VARIANTS[name]
    if name == "document":
        doc = tensors[0]
        return (lambda b, h, qi, ki: (doc[b, qi] == doc[b, ki]) & (ki <= qi)), None
    if name == "alibi":
        slopes = tensors[0]
        return causal_mask, (lambda s, b, h, qi, ki: s - slopes[h] * (qi - ki))
    return v["mask"], v["score"]


def reference(q, k, v, mask, score, sigmoid=False, scale=None):
    """float32 attention as docs/language.md § 9 defines it; differentiable (autograd gives the reference gradients)."""
    B, H, S_q, D = q.shape
    H_KV, S_kv = k.shape[1], k.shape[2]
    kk = k.repeat_interleave(H // H_KV, dim=1)
    vv = v.repeat_interleave(H // H_KV, dim=1)
    s = torch.einsum("bhqd,bhkd->bhqk", q, kk) * (scale if scale is not None else 1.0 / math.sqrt(D))
    b = torch.arange(B, device=DEV).view(B, 1, 1, 1)
    h = torch.arange(H, device=DEV).view(1, H, 1, 1)
    qi = torch.arange(S_q, device=DEV).view(1, 1, S_q, 1)
    ki = torch.arange(S_kv, device=DEV).view(1, 1, 1, S_kv)
    L = score(s, b, h, qi, ki) if score is not None else s
    M = mask(b, h, qi, ki).expand_as(L) if mask is not None else torch.ones_like(L, dtype=torch.bool)
    if sigmoid:
        L = L - math.log(float(S_kv))
        P = torch.where(M, torch.sigmoid(L), torch.zeros_like(L))
        return P @ vv, torch.full((B, H, S_q), float("nan"), device=DEV)
    L = L.masked_fill(~M, float("-inf"))
    lse = torch.logsumexp(L, dim=-1)
    lse_safe = torch.where(torch.isneginf(lse), torch.zeros_like(lse), lse)
    return torch.exp(L - lse_safe.unsqueeze(-1)) @ vv, lse


TOL = {BF16: 2e-2, F16: 5e-3}


def o_err(o, ref):
    return float((o.float() - ref).abs().max() / ref.abs().max().clamp_min(1e-30))


def lse_err(lse, ref):
    fin = torch.isfinite(ref)
    assert torch.equal(torch.isneginf(lse), torch.isneginf(ref))
    return float(((lse[fin] - ref[fin]).abs() / ref[fin].abs().clamp_min(1.0)).max()) if bool(fin.any()) else 0.0


def grad_err(g, ref):
    return float((g.float() - ref).norm() / ref.norm().clamp_min(1e-30))


def inputs_for(name, B, H, S):
    if name == "document":
        return [make_doc(B, S)]
    if name == "alibi":
        return [alibi_slopes(H)]
    return []


# ---- forward ----

FWD_CASES = [("causal", BF16, 64), ("causal", F16, 64), ("causal", BF16, 128), ("softcap", BF16, 64),
             ("document", BF16, 64), ("alibi", BF16, 64), ("sigmoid", BF16, 64)]


@pytest.mark.parametrize("name,dtype,D", FWD_CASES)
def test_forward_vs_float32_reference(kernels, name, dtype, D):
    B, H, H_KV, S = 2, 4, 2, 200  # GQA; 200 is no multiple of any tile
    q, k, v = qkv(B, H, H_KV, S, S, D, dtype, q_scale=3.0 if name == "softcap" else 1.0)
    ts = inputs_for(name, B, H, S)
    o, lse = kernels[name](q, k, v, *ts)
    assert o.dtype == dtype and o.shape == q.shape and o.is_contiguous()
    assert lse.dtype == torch.float32 and lse.shape == (B, H, S) and not lse.requires_grad
    mask, score = variant_fns(name, ts)
    sigmoid = VARIANTS[name].get("sigmoid", False)
    ro, rlse = reference(q.float(), k.float(), v.float(), mask, score, sigmoid=sigmoid)
    assert o_err(o, ro) <= TOL[dtype], o_err(o, ro)
    if sigmoid:
        assert bool(torch.isnan(lse).all())
    else:
        assert lse_err(lse, rlse) <= 1e-3, lse_err(lse, rlse)


def test_forward_explicit_scale(kernels):
    q, k, v = qkv(1, 2, 2, 128, 128, 64)
    o, lse = kernels["causal"](q, k, v, scale=0.3)
    ro, rlse = reference(q.float(), k.float(), v.float(), causal_mask, None, scale=0.3)
    assert o_err(o, ro) <= TOL[BF16] and lse_err(lse, rlse) <= 1e-3


@pytest.mark.parametrize("name", ["causal", "softcap", "document"])
def test_forward_vs_flex_attention(kernels, name):
    fa = pytest.importorskip("torch.nn.attention.flex_attention")
    B, H, S, D = 2, 4, 256, 64
    q, k, v = qkv(B, H, H, S, S, D, q_scale=3.0 if name == "softcap" else 1.0, seed=3)
    ts = inputs_for(name, B, H, S)
    mask, score = variant_fns(name, ts)
    block_mask = fa.create_block_mask(mask, B, None, S, S, device=DEV)
    o_flex = fa.flex_attention(q, k, v, score_mod=score, block_mask=block_mask)
    o, _ = kernels[name](q, k, v, *ts)
    ro, _ = reference(q.float(), k.float(), v.float(), mask, score)
    print(f"{name}: attnc vs float32 {o_err(o, ro):.2e}, flex vs float32 {o_err(o_flex, ro):.2e}, "
          f"attnc vs flex {o_err(o, o_flex.float()):.2e}")
    assert o_err(o, o_flex.float()) <= TOL[BF16]


# ---- backward ----

BWD_CASES = [("causal", BF16, 64), ("causal", F16, 128), ("softcap", BF16, 64), ("document", BF16, 64),
             ("alibi", BF16, 64), ("sigmoid", BF16, 64)]


@pytest.mark.parametrize("name,dtype,D", BWD_CASES)
def test_backward_vs_autograd_of_reference(kernels, name, dtype, D):
    B, H, H_KV, S = 2, 4, 2, 200
    q, k, v = qkv(B, H, H_KV, S, S, D, dtype, q_scale=3.0 if name == "softcap" else 1.0, seed=5)
    ts = inputs_for(name, B, H, S)
    if name == "alibi":
        ts = [ts[0].clone().requires_grad_(True)]  # learnable slopes: f32, gets d_slopes
    dO = torch.randn(B, H, S, D, device=DEV).to(dtype)
    q1, k1, v1 = (t.clone().requires_grad_(True) for t in (q, k, v))
    o, _ = kernels[name](q1, k1, v1, *ts)
    o.backward(dO)
    q2, k2, v2 = (t.float().requires_grad_(True) for t in (q, k, v))
    ts2 = [ts[0].detach().clone().requires_grad_(True)] if name == "alibi" else ts
    mask, score = variant_fns(name, ts2)
    ro, _ = reference(q2, k2, v2, mask, score, sigmoid=VARIANTS[name].get("sigmoid", False))
    ro.backward(dO.float())
    for n, got, ref in (("dq", q1.grad, q2.grad), ("dk", k1.grad, k2.grad), ("dv", v1.grad, v2.grad)):
        assert got.dtype == dtype and got.shape == ref.shape
        assert grad_err(got, ref) <= TOL[dtype], (n, grad_err(got, ref))
    if name == "alibi":
        assert ts[0].grad is not None and ts[0].grad.dtype == torch.float32
        assert grad_err(ts[0].grad, ts2[0].grad) <= TOL[dtype], grad_err(ts[0].grad, ts2[0].grad)


def test_tensor_gradient_in_callers_dtype(kernels):
    """A bf16 learnable slope tensor: the op reads it as float32 and its gradient comes back as bf16."""
    q, k, v = qkv(1, 4, 4, 128, 128, 64)
    slopes = alibi_slopes(4).to(BF16).requires_grad_(True)
    o, _ = kernels["alibi"](q, k, v, slopes=slopes)
    o.float().sum().backward()
    assert slopes.grad is not None and slopes.grad.dtype == BF16 and bool(torch.isfinite(slopes.grad).all())


def test_dq_dk_dv_deterministic(kernels):
    q, k, v = qkv(2, 4, 2, 200, 200, 64, seed=9)
    dO = torch.randn_like(q)
    grads = []
    for _ in range(2):
        leaves = [t.clone().requires_grad_(True) for t in (q, k, v)]
        o, _ = kernels["causal"](*leaves)
        o.backward(dO)
        grads.append([t.grad for t in leaves])
    for a, b in zip(*grads):
        assert torch.equal(a, b)


# ---- layouts and strides ----

def test_bshd_layout_equals_bhsd(kernels):
    attn = kernels["causal"]
    q, k, v = qkv(2, 4, 2, 200, 200, 64, seed=11)
    dO = torch.randn_like(q)
    leaves = [t.clone().requires_grad_(True) for t in (q, k, v)]
    o, lse = attn(*leaves)
    o.backward(dO)
    bshd = [t.transpose(1, 2).contiguous().requires_grad_(True) for t in (q, k, v)]
    o2, lse2 = attn(*bshd, layout="bshd")
    assert o2.shape == (2, 200, 4, 64) and o2.is_contiguous()
    o2.backward(dO.transpose(1, 2))
    assert torch.equal(o2.transpose(1, 2), o) and torch.equal(lse2, lse)
    for a, b in zip(leaves, bshd):
        assert torch.equal(b.grad.transpose(1, 2), a.grad)
    # the load-time default
    attn_bshd = attnc_torch.load(EXAMPLES / "causal.attn", cli=str(CLI_JS), cache_dir=attn.built.library.parent.parent,
                                 layout="bshd")
    assert torch.equal(attn_bshd(*[t.detach() for t in bshd])[0], o2)


def test_noncontiguous_and_misaligned_inputs(kernels):
    attn = kernels["document"]
    B, H, S, D = 2, 4, 200, 64
    q, k, v = qkv(B, H, H, S, S, D, seed=13)
    doc = make_doc(B, S)
    o, lse = attn(q, k, v, doc)
    wide = torch.zeros(B, H, S, 2 * D, device=DEV, dtype=BF16)
    wide[..., ::2] = q
    flat = torch.zeros(k.numel() + 1, device=DEV, dtype=BF16)
    flat[1:] = k.reshape(-1)
    k_off = flat[1:].view(k.shape)  # contiguous, data 2 bytes past 16-byte alignment
    assert k_off.is_contiguous() and k_off.data_ptr() % 16 != 0
    v_t = v.transpose(2, 3).contiguous().transpose(2, 3)  # column-major rows
    doc_strided = torch.stack([doc, doc], dim=-1)[..., 0]
    o2, lse2 = attn(wide[..., ::2], k_off, v_t, doc_strided)
    assert torch.equal(o2, o) and torch.equal(lse2, lse)


# ---- torch.compile, CUDA graphs, opcheck ----

class Block(torch.nn.Module):
    """x [B, S, E] -> projections -> attnc attention (bshd views of one qkv tensor) -> projection."""

    def __init__(self, attn, E=128, H=4, H_KV=2, D=64, alibi=False):
        super().__init__()
        self.attn, self.H, self.H_KV, self.D = attn, H, H_KV, D
        self.qkv = torch.nn.Linear(E, (H + 2 * H_KV) * D, bias=False, device=DEV, dtype=BF16)
        self.out = torch.nn.Linear(H * D, E, bias=False, device=DEV, dtype=BF16)
        self.slopes = torch.nn.Parameter(alibi_slopes(H)) if alibi else None

    def forward(self, x):
        B, S, _ = x.shape
        q, k, v = self.qkv(x).view(B, S, self.H + 2 * self.H_KV, self.D).split([self.H, self.H_KV, self.H_KV], dim=2)
        ts = (self.slopes,) if self.slopes is not None else ()
        o, _ = self.attn(q, k, v, *ts, layout="bshd")
        return self.out(o.reshape(B, S, self.H * self.D))


@pytest.mark.parametrize("name", ["causal", "alibi"])
def test_torch_compile_fullgraph_training_step(kernels, name):
    torch.manual_seed(0)
    model = Block(kernels[name], alibi=name == "alibi")
    x = torch.randn(2, 192, 128, device=DEV, dtype=BF16)

    def loss_fn(x):
        return model(x).float().square().mean()

    eager_loss = loss_fn(x)
    eager_loss.backward()
    eager = {n: p.grad.clone() for n, p in model.named_parameters()}
    model.zero_grad(set_to_none=True)
    compiled = torch.compile(loss_fn, fullgraph=True)
    for _ in range(2):  # the second call runs the compiled graph as it is
        model.zero_grad(set_to_none=True)
        loss = compiled(x)
        loss.backward()
    assert abs(float(loss) - float(eager_loss)) <= 1e-2 * abs(float(eager_loss))
    for n, p in model.named_parameters():
        assert grad_err(p.grad, eager[n].float()) <= 2e-2, (n, grad_err(p.grad, eager[n].float()))


@pytest.mark.parametrize("name", ["causal", "document"])
def test_cuda_graph_forward(kernels, name):
    attn = kernels[name]
    B, H, S, D = 2, 4, 256, 64
    q, k, v = qkv(B, H, H, S, S, D, seed=21)
    ts = inputs_for(name, B, H, S)
    static = [t.clone() for t in (q, k, v)] + [t.to(torch.int32) for t in ts]
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):  # warm up off the capture (first-call setup of the entry point)
        for _ in range(2):
            attn(*static)
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        o_static, lse_static = attn(*static)
    q2, k2, v2 = qkv(B, H, H, S, S, D, seed=22)
    for dst, src in zip(static, (q2, k2, v2)):
        dst.copy_(src)
    graph.replay()
    torch.cuda.synchronize()
    o_ref, lse_ref = attn(q2, k2, v2, *ts)
    assert torch.equal(o_static, o_ref) and torch.equal(lse_static, lse_ref)


def test_cuda_graph_forward_and_backward(kernels):
    attn = kernels["causal"]
    q, k, v = qkv(2, 4, 2, 256, 256, 64, seed=23)
    leaves = [t.clone().requires_grad_(True) for t in (q, k, v)]
    dO = torch.randn_like(q)
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for _ in range(2):
            o, _ = attn(*leaves)
            o.backward(dO)
            for t in leaves:
                t.grad = None
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        o_static, _ = attn(*leaves)
        o_static.backward(dO)
    q2, k2, v2 = qkv(2, 4, 2, 256, 256, 64, seed=24)
    with torch.no_grad():
        for dst, src in zip(leaves, (q2, k2, v2)):
            dst.copy_(src)
    graph.replay()
    torch.cuda.synchronize()
    fresh = [t.clone().requires_grad_(True) for t in (q2, k2, v2)]
    o_ref, _ = attn(*fresh)
    o_ref.backward(dO)
    assert torch.equal(o_static, o_ref)
    for a, b in zip(leaves, fresh):
        assert torch.equal(a.grad, b.grad)


def test_opcheck(kernels):
    """torch.library.opcheck: schema, autograd registration, fake tensors, AOT dispatch with dynamic shapes.
    The AOT check compares gradients exactly enough that the atomics of d_slopes would trip it, so the
    program with a tensor gradient (alibi) skips that one check."""
    for name, ts, utils in (("causal", [], None),
                            ("alibi", [alibi_slopes(2)], ("test_schema", "test_autograd_registration", "test_faketensor"))):
        attn = kernels[name]
        kw = {} if utils is None else {"test_utils": utils}
        q, k, v = (t.requires_grad_(True) for t in qkv(1, 2, 2, 128, 128, 64, seed=31))
        ts_grad = [t.clone().requires_grad_(True) for t in ts]
        torch.library.opcheck(attn.ops.fwd, (q, k, v, *ts_grad, None, None, 0.0, 0), **kw)
        o, lse = attn.ops.fwd(q.detach(), k.detach(), v.detach(), *ts, None, None, 0.0, 0)
        dO = torch.randn_like(o)
        torch.library.opcheck(attn.ops.bwd, (q.detach(), k.detach(), v.detach(), o, lse, dO, *ts, None, None, 0.0, 0), **kw)


# ---- per-row lengths, empty sizes, the cache ----

def test_per_row_lengths(kernels):
    attn = kernels["causal"]
    B, H, S, D = 2, 4, 200, 64
    q, k, v = qkv(B, H, H, S, S, D, seed=41)
    q_lens, kv_lens = [200, 150], [200, 120]
    o, lse = attn(q, k, v, q_lens=torch.tensor(q_lens, device=DEV), kv_lens=torch.tensor(kv_lens, device=DEV))
    for b in range(B):
        ql, kl = q_lens[b], kv_lens[b]
        ro, rlse = reference(q[b:b + 1, :, :ql].float(), k[b:b + 1, :, :kl].float(), v[b:b + 1, :, :kl].float(),
                             causal_mask, None)
        assert o_err(o[b:b + 1, :, :ql], ro) <= TOL[BF16]
        assert lse_err(lse[b:b + 1, :, :ql], rlse) <= 1e-3
        assert bool((o[b, :, ql:] == 0).all()) and bool(torch.isneginf(lse[b, :, ql:]).all())
    # the backward with lengths (attnc_NAME_backward_varlen): each row's gradients are those of its own
    # lengths' attention, and 0 past them; NaN in dO's padding rows is never read
    leaves = [t.clone().requires_grad_(True) for t in (q, k, v)]
    o, _ = attn(*leaves, q_lens=torch.tensor(q_lens, device=DEV), kv_lens=torch.tensor(kv_lens, device=DEV))
    do = torch.randn(o.shape, device=DEV, generator=torch.Generator(device=DEV).manual_seed(43)).to(o.dtype)
    for b in range(B):
        do[b, :, q_lens[b]:] = float("nan")
    o.backward(do)
    for b in range(B):
        ql, kl = q_lens[b], kv_lens[b]
        ref = [t[b:b + 1].detach().float().requires_grad_(True) for t in (q, k, v)]
        ro, _ = reference(ref[0][:, :, :ql], ref[1][:, :, :kl], ref[2][:, :, :kl], causal_mask, None)
        ro.backward(do[b:b + 1, :, :ql].float())
        for n, got, r in zip(("dq", "dk", "dv"), leaves, ref):
            g = got.grad[b:b + 1]
            assert bool(torch.isfinite(g).all()), n
            assert grad_err(g, r.grad) <= TOL[BF16], (n, b, grad_err(g, r.grad))
            past = ql if n == "dq" else kl
            assert bool((g[:, :, past:] == 0).all()), (n, b)


def test_empty_sizes(kernels):
    attn = kernels["causal"]
    q, k, v = qkv(2, 4, 4, 16, 0, 64)
    o, lse = attn(q, k, v)
    assert o.shape == q.shape and bool((o == 0).all()) and bool(torch.isneginf(lse).all())
    q0 = q[:, :, :0]
    o0, lse0 = attn(q0, *qkv(2, 4, 4, 16, 16, 64)[1:])
    assert o0.shape == (2, 4, 0, 64) and lse0.shape == (2, 4, 0)


def test_load_again_is_a_cache_hit(kernels, cache_dir):
    attn = kernels["softcap"]
    v = VARIANTS["softcap"]
    mtime = attn.built.library.stat().st_mtime_ns
    again = attnc_torch.load(EXAMPLES / v["file"], v["params"], cli=str(CLI_JS), cache_dir=cache_dir, **v["build"])
    assert again.built.library == attn.built.library and again.built.library.stat().st_mtime_ns == mtime
    assert again.ops is attn.ops  # one op registration per library and process


# ---- errors ----

def test_errors(kernels):
    causal, doc_attn, softcap = kernels["causal"], kernels["document"], kernels["softcap"]
    q, k, v = qkv(2, 4, 2, 64, 64, 64)
    doc = make_doc(2, 64)
    cases = [
        (lambda: causal(q.float(), k.float(), v.float()), TypeError, "torch.bfloat16 or torch.float16"),
        (lambda: causal(q.cpu(), k.cpu(), v.cpu()), ValueError, "CUDA tensors"),
        (lambda: causal(q, k.half(), v.half()), TypeError, "one dtype"),
        (lambda: softcap(q.half(), k.half(), v.half()), TypeError, "built for torch.bfloat16 only"),
        (lambda: causal(*qkv(1, 2, 2, 64, 64, 32)), ValueError, "head dim D=32"),
        (lambda: causal(*qkv(1, 3, 2, 64, 64, 64)), ValueError, "multiple of the key/value heads"),
        (lambda: causal(q, k, v[:, :, :32]), ValueError, "k and v must have the same shape"),
        (lambda: causal(q[0], k[0], v[0]), ValueError, "must be 4-D"),
        (lambda: causal(q, k, v, layout="sbhd"), ValueError, "layout must be"),
        (lambda: causal(q, k, v, scale=0.0), ValueError, "scale must be nonzero"),
        (lambda: causal(q, k, v, doc), TypeError, "takes 0 input tensor"),
        (lambda: doc_attn(q, k, v), TypeError, "needs its input `doc`"),
        (lambda: doc_attn(q, k, v, doc.float()), TypeError, "`doc` is i32"),
        (lambda: doc_attn(q, k, v, doc[:, :32]), ValueError, r"`doc` must have shape \[B=2, Q_LEN=64\]"),
        (lambda: doc_attn(q, k, v, doc.cpu()), ValueError, "`doc` is on cpu"),
        (lambda: doc_attn(q, k, v, docs=doc), TypeError, "no input 'docs'"),
        (lambda: doc_attn(q, k, v, doc, doc=doc), TypeError, "both by position and by name"),
        (lambda: causal(q, k, v, q_lens=torch.tensor([1.0, 2.0], device=DEV)), TypeError, "q_lens must be an integer"),
        (lambda: causal(q, k, v, q_lens=torch.tensor([1, 2, 3], device=DEV)), ValueError, r"q_lens must be .*shape \[2\]"),
    ]
    for fn, exc, text in cases:
        with pytest.raises(exc, match=text):
            fn()
    # a head dim the backward does not take is refused before anything launches
    with pytest.raises(attnc_torch.AttncCompileError, match="E0406"):
        attnc_torch.load(EXAMPLES / "causal.attn", cli=str(CLI_JS), head_dim=192, backward=True)


def test_skeleton_and_repr(kernels):
    attn = kernels["causal"]
    major, _ = torch.cuda.get_device_capability()
    assert attn.skeleton(64) == (90 if major == 9 else 80) and attn.skeleton(96) == 0
    assert "causal" in repr(attn) and "alibi(slopes: f32)" in repr(kernels["alibi"])
