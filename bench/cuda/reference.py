"""Float32 PyTorch reference of attnc's semantics (on the already-rounded bf16/fp16 inputs),
computed in query-row chunks so memory stays O(chunk x KV_LEN), and the comparison metric.

softmax: o = sum_{M} softmax(L) v, lse = log sum_{M} exp(L); a row with nothing visible gives
o = 0 and lse = -inf. sigmoid: o = sum_{M} sigmoid(L) v."""
import torch


def reference(q, k, v, var, scale, chunk=1024):
    B, H, S_q, D = q.shape
    H_KV, S_kv = k.shape[1], k.shape[2]
    g = H // H_KV
    o = torch.empty(B, H, S_q, v.shape[-1], device=q.device, dtype=torch.float32)
    lse = torch.empty(B, H, S_q, device=q.device, dtype=torch.float32)
    hi = torch.arange(H, device=q.device).view(-1, 1, 1)
    ki = torch.arange(S_kv, device=q.device).view(1, 1, -1)
    for b in range(B):
        kb = k[b].float().repeat_interleave(g, dim=0)
        vb = v[b].float().repeat_interleave(g, dim=0)
        bi = torch.tensor(b, device=q.device)
        for q0 in range(0, S_q, chunk):
            q1 = min(q0 + chunk, S_q)
            qi = torch.arange(q0, q1, device=q.device).view(1, -1, 1)
            s = torch.matmul(q[b, :, q0:q1].float(), kb.transpose(-1, -2)) * scale
            L = var["score"](s, bi, hi, qi, ki) if var["score"] else s
            M = var["mask"](bi, hi, qi, ki) if var["mask"] else torch.ones((), dtype=torch.bool, device=q.device)
            M = M.expand_as(L)
            if var["sigmoid"]:
                P = torch.where(M, torch.sigmoid(L), torch.zeros((), device=q.device))
                o[b, :, q0:q1] = P @ vb
                lse[b, :, q0:q1] = float("nan")
                continue
            L = torch.where(M, L, torch.full((), float("-inf"), device=q.device))
            m = L.amax(-1, keepdim=True)
            m_safe = torch.where(torch.isneginf(m), torch.zeros_like(m), m)
            e = torch.exp(L - m_safe)
            l = e.sum(-1, keepdim=True)
            o[b, :, q0:q1] = (e @ vb) / torch.where(l > 0, l, torch.ones_like(l))
            lse[b, :, q0:q1] = (torch.log(l) + m_safe).squeeze(-1)
    return o, lse


def compare(o, lse, ro, rlse, sigmoid):
    """o_err: max |o - ref| / max |ref| (normwise-max); lse_err: max abs error on finite entries,
    and -inf exactly where the reference is -inf; ok_finite: no NaN anywhere in the outputs."""
    of = o.float()
    denom = ro.abs().max().clamp_min(1e-30)
    res = {"o_err": float((of - ro).abs().max() / denom)}
    res["o_fro"] = float((of - ro).norm() / ro.norm().clamp_min(1e-30))
    finite = bool(torch.isfinite(of).all())
    if not sigmoid:
        ninf_ref = torch.isneginf(rlse)
        same_inf = bool((torch.isneginf(lse) == ninf_ref).all())
        fin = ~ninf_ref
        res["lse_err"] = float((lse[fin] - rlse[fin]).abs().max()) if bool(fin.any()) else 0.0
        res["lse_inf_match"] = same_inf
        finite = finite and same_inf and not bool(torch.isnan(lse).any())
    res["ok_finite"] = finite
    return res
