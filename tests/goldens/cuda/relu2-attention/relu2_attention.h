#pragma once
#include <cuda_runtime.h>
#include <stdint.h>
/* attnc: relu2_attention (none), head dims 64, 128; generated, do not edit.
 * q: [B, H, Q_LEN, D], k: [B, H_KV, KV_LEN, D], v: [B, H_KV, KV_LEN, D] (bf16 or fp16, contiguous)
 * o: [B, H, Q_LEN, D] float32; lse: [B, H, Q_LEN] float32 (natural log) or NULL.
 * in_rel: the input rel, f32[H, 129]
 * scale == 0 selects 1/sqrt(D). Returns ATTNC_OK or an ATTNC_ERR_* code (nothing launched). */
#ifndef ATTNC_OK
#define ATTNC_OK 0  /* success; the kernel was launched */
#define ATTNC_ERR_NULL_POINTER 1  /* q, k, v, o or a declared tensor is null */
#define ATTNC_ERR_SIZE 2  /* a size is not positive, B or H exceeds 65535, or a size exceeds 268435456 (2^28) */
#define ATTNC_ERR_GQA 3  /* H is not a multiple of H_KV */
#define ATTNC_ERR_HEAD_DIM 4  /* D is not a head dimension this kernel was generated for */
#define ATTNC_ERR_ALIGNMENT 5  /* q, k, v, o not 16-byte aligned, or lse / a tensor not 4-byte aligned */
#define ATTNC_ERR_DTYPE 6  /* dtype is neither ATTNC_DTYPE_BF16 nor ATTNC_DTYPE_F16 */
#define ATTNC_ERR_CUDA 7  /* a CUDA call failed (setting shared memory, or the launch); see cudaGetLastError */
#define ATTNC_ERR_PAGE 8  /* a page id a row reads (a page below its kv_len) is outside [0, NUM_PAGES) */
#define ATTNC_DTYPE_BF16 0
#define ATTNC_DTYPE_F16 1
#endif
#ifdef __cplusplus
extern "C" {
#endif
int attnc_relu2_attention_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_rel, cudaStream_t stream);
/* Per-row lengths (docs/language.md § 10): q_lens, kv_lens are device arrays of B int32 lengths (either
 * may be NULL: every row has the tensors' length), Q_LEN and KV_LEN the padded lengths of the tensors.
 * Batch row b then has Q_LEN q_lens[b] and KV_LEN kv_lens[b] (clamped into [0, Q_LEN] / [0, KV_LEN]);
 * its rows past q_lens[b] are o = 0, lse = -inf. attnc_relu2_attention_forward is this with both NULL. */
int attnc_relu2_attention_forward_varlen(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_rel, const int* q_lens, const int* kv_lens, cudaStream_t stream);
/* Paged KV (docs/language.md § 10): page_table is a device array int32 [B, KV_LEN / page_size] (NULL:
 * k and v dense; page_size and num_pages are then not read), k and v [num_pages, H_KV, page_size, D],
 * KV_LEN the padded length (a multiple of page_size). Key kv of batch row b is row kv % page_size of
 * page page_table[b, kv / page_size]. The ids a row reads (the pages below its kv_len) are checked on
 * the GPU, and the call waits for that check: ATTNC_ERR_PAGE when one is outside [0, num_pages)
 * (ATTNC_CHECK_PAGES=0 at build time, or graph capture, skips it; the kernels clamp every id), and
 * for any table in a build with ATTNC_PAGED=0. attnc_relu2_attention_forward_varlen is this with page_table NULL. */
int attnc_relu2_attention_forward_paged(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_rel, const int* q_lens, const int* kv_lens,
    const int* page_table, int page_size, int num_pages, cudaStream_t stream);
/* Which kernel the entry point runs for head dim D on the current device: 90 (sm_90a, wgmma),
 * 80 (sm_80, mma.sync), or 0 (D not generated). */
int attnc_relu2_attention_skeleton(int D);
#ifdef __cplusplus
}
#endif
