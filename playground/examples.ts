/** Examples the page offers (examples/*.attn, bundled as text by scripts/build-playground.mjs). */
import causal from "../examples/causal.attn";
import slidingWindow from "../examples/sliding-window.attn";
import alibi from "../examples/alibi.attn";
import softcap from "../examples/softcap.attn";
import documentCausal from "../examples/document-causal.attn";
import sinks from "../examples/streaming-llm-sinks.attn";
import prefixLm from "../examples/prefix-lm-per-batch.attn";
import neighborhood2d from "../examples/neighborhood-2d.attn";
import sigmoid from "../examples/sigmoid-attention.attn";
import moa from "../examples/moa-per-head-window.attn";

export const EXAMPLES: Record<string, string> = {
  "causal.attn": causal,
  "sliding-window.attn": slidingWindow,
  "alibi.attn": alibi,
  "softcap.attn": softcap,
  "document-causal.attn": documentCausal,
  "streaming-llm-sinks.attn": sinks,
  "prefix-lm-per-batch.attn": prefixLm,
  "neighborhood-2d.attn": neighborhood2d,
  "sigmoid-attention.attn": sigmoid,
  "moa-per-head-window.attn": moa,
};
