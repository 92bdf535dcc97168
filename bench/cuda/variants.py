"""The standard variants of the CUDA harness: for each, the generated kernel's file stem, its
declared tensors, and the mask/score as PyTorch functions. The same functions serve the float32
reference (broadcast over index grids) and FlexAttention (mask_mod / score_mod), so attnc and the
peers compute the same thing on the same tensors."""
import torch

W = 1024  # sliding window
CAP = 30.0  # softcap


def make_doc(B, S, ndoc, gen):
    """Sorted document ids per batch row: ndoc documents with random cut points."""
    doc = torch.zeros(B, S, dtype=torch.int32)
    for b in range(B):
        cuts = torch.sort(torch.randperm(S - 1, generator=gen)[: ndoc - 1] + 1).values
        for c in cuts:
            doc[b, c:] += 1
    return doc


def alibi_slopes(H):
    return torch.exp2(-8.0 * (torch.arange(H, dtype=torch.float32) + 1) / H)


def variants(B, H, S_q, S_kv, gen, device="cuda"):
    """name -> dict(stem, tensors (ordered as the kernel declares them), mask, score, sigmoid)."""
    doc = make_doc(B, max(S_q, S_kv), 8, gen).to(device)
    slopes = alibi_slopes(H).to(device)

    def causal(b, h, qi, ki):
        return ki <= qi

    def swa(b, h, qi, ki):
        return (ki <= qi) & (qi - ki < W)

    def docm(b, h, qi, ki):
        return (doc[b, qi] == doc[b, ki]) & (ki <= qi)

    def masked_rows(b, h, qi, ki):
        return ki + 100 <= qi

    def alibi(score, b, h, qi, ki):
        return score - slopes[h] * (qi - ki)

    def softcap(score, b, h, qi, ki):
        return CAP * torch.tanh(score / CAP)

    return {
        "full": dict(stem="full", tensors=[], mask=None, score=None, sigmoid=False),
        "causal": dict(stem="causal", tensors=[], mask=causal, score=None, sigmoid=False),
        "swa1024": dict(stem="sliding_window", tensors=[], mask=swa, score=None, sigmoid=False),
        "doc8-causal": dict(stem="document_causal", tensors=[doc], mask=docm, score=None, sigmoid=False),
        "alibi-causal": dict(stem="alibi", tensors=[slopes], mask=causal, score=alibi, sigmoid=False),
        "softcap-causal": dict(stem="softcap", tensors=[], mask=causal, score=softcap, sigmoid=False),
        # test-only variants (not timed against peers)
        "masked-rows": dict(stem="masked_rows", tensors=[], mask=masked_rows, score=None, sigmoid=False),
        "sigmoid-causal": dict(stem="sigmoid_causal", tensors=[], mask=causal, score=None, sigmoid=True),
    }


def density(mask, B, H, S_q, S_kv, device="cuda"):
    """Exact fraction of visible (b, h, q, kv), counted in row chunks on the GPU."""
    if mask is None:
        return 1.0
    total = 0
    ki = torch.arange(S_kv, device=device).view(1, -1)
    for b in range(B):
        bi = torch.tensor(b, device=device)
        for q0 in range(0, S_q, 2048):
            qi = torch.arange(q0, min(q0 + 2048, S_q), device=device).view(-1, 1)
            total += int(mask(bi, 0, qi, ki).sum())
    return total / (B * S_q * S_kv)  # masks here do not depend on h
