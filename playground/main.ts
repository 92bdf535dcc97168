/**
 * The playground page: the editor (debounced) → `attnc check`'s diagnostics → the mask picture of
 * the chosen block; "Run on WebGPU" → the WGSL kernel on the page's device against the float64
 * oracle. Every failure is shown in the panel it belongs to, never only in the console.
 * The DOM carries the state for tests and tools: #check-status[data-state] ("ok" | "error"),
 * .diag[data-code], #mask-canvas[data-state] ("drawn" | "error"), #run-result[data-max-rel].
 */
import { LEGEND } from "../compiler/analysis/viz.js";
import type { Sizes } from "../compiler/ir/program.js";
import { $, debounced, intField, tileField } from "./controls.js";
import { randomInputs } from "./data.js";
import { EXAMPLES } from "./examples.js";
import { gpuDevice, runOnGpu, webgpuMissing } from "./gpu.js";
import { drawPicture, MAX_MASK_LEN, maskPicture, pictureStats } from "./mask.js";
import { checkProgram, diagnosticsOf, irOf, parseParams, type Shown } from "./program.js";
import { compareWithOracle, TOLERANCE } from "./reference.js";

const INITIAL = `# Sliding-window causal attention with per-head ALiBi slopes and tanh soft-capping.
def causal = q >= kv
def window(w: int) = q - kv < w

attention swa_alibi_softcap {
  param w: int = 160               # compile-time constant: override it under Params
  param cap: float = 30.0
  input slopes: f32[H]             # a tensor given at run time (random here)

  mask causal && window(w)
  score cap * tanh(s / cap) - slopes[h] * float(q - kv)
}
`;

/** Largest run the page accepts: the oracle evaluates every (b, h, q, kv) entry in this thread. */
const MAX_RUN_ENTRIES = 1 << 22;

const source = $<HTMLTextAreaElement>("source");

function showDiagnostics(into: HTMLElement, list: Shown[]): void {
  into.replaceChildren(
    ...list.map((d) => {
      const pre = document.createElement("pre");
      pre.className = `diag ${d.severity}`;
      pre.dataset.code = d.code;
      pre.textContent = d.text;
      if (d.from !== undefined) {
        pre.title = "select in the editor";
        pre.onclick = () => {
          source.focus();
          source.setSelectionRange(d.from!, Math.max(d.from!, d.to ?? d.from!));
        };
      }
      return pre;
    }),
  );
}

/** An error for a panel: attnc's diagnostics as `attnc check` prints them, else the message. */
function errorText(e: unknown): string {
  return e instanceof Error && e.name !== "AttncError" ? e.message : diagnosticsOf(e, source.value).map((d) => d.text).join("\n");
}

/** B, H, H_KV as the run panel gives them (they also size the mask's heads and tensors). */
function heads(): { B: number; H: number; H_KV: number } {
  const B = intField("run-B", "B", 1, 64), H = intField("run-H", "H", 1, 256), H_KV = intField("run-HKV", "H_KV", 1, 256);
  if (H % H_KV !== 0) throw new Error(`H_KV (${H_KV}) must divide H (${H})`);
  return { B, H, H_KV };
}

function blockAndParams(): { name: string | undefined; params: Record<string, string> } {
  return { name: $<HTMLSelectElement>("block").value || undefined, params: parseParams($<HTMLInputElement>("params").value) };
}

function update(): void {
  const text = source.value;
  const status = $("check-status");
  const checked = checkProgram(text);
  if (!checked.ok) {
    status.textContent = `${checked.diagnostics.length} diagnostic${checked.diagnostics.length === 1 ? "" : "s"}`;
    status.dataset.state = "error";
    status.className = "note error";
    showDiagnostics($("diagnostics"), checked.diagnostics);
    const canvas = $<HTMLCanvasElement>("mask-canvas");
    if (canvas.dataset.state === "drawn") {
      canvas.dataset.state = "stale"; // the last good picture stays, marked as such
      $("mask-title").textContent += " (stale: the program has errors)";
    }
    return;
  }
  status.textContent = checked.summary;
  status.dataset.state = "ok";
  status.className = "note ok";
  showDiagnostics($("diagnostics"), []);
  const block = $<HTMLSelectElement>("block");
  const names = checked.module.attentions.map((a) => a.name);
  const keep = names.includes(block.value) ? block.value : names[0]!;
  block.replaceChildren(...names.map((n) => new Option(n, n, n === keep, n === keep)));
  updateMask();
}

function updateMask(): void {
  const canvas = $<HTMLCanvasElement>("mask-canvas");
  const title = $("mask-title"), stats = $("mask-stats");
  try {
    const { B, H, H_KV } = heads();
    const Q_LEN = intField("mask-qlen", "mask Q_LEN", 1, MAX_MASK_LEN), KV_LEN = intField("mask-kvlen", "mask KV_LEN", 1, MAX_MASK_LEN);
    const b = intField("mask-b", "b", 0, B - 1), h = intField("mask-h", "h", 0, H - 1);
    const { name, params } = blockAndParams();
    const ir = irOf(source.value, name, params);
    const sizes = { B, H, H_KV, Q_LEN, KV_LEN, D: intField("run-D", "D", 1, 512) };
    const pic = maskPicture({ ir, sizes, tile: tileField("mask-tile"), b, h, seed: intField("run-seed", "seed", -(2 ** 31), 2 ** 31 - 1) });
    drawPicture(canvas, pic);
    canvas.dataset.state = "drawn";
    title.className = "note";
    title.textContent = `${ir.name}: ${pic.sub}`;
    stats.textContent = pictureStats(pic);
  } catch (e) {
    canvas.dataset.state = "error";
    title.className = "note error";
    title.textContent = errorText(e);
    stats.textContent = "";
  }
}

async function run(): Promise<void> {
  const status = $("run-status"), result = $("run-result");
  const button = $<HTMLButtonElement>("run-button");
  result.className = "";
  result.textContent = "";
  delete result.dataset.maxRel;
  button.disabled = true;
  try {
    const { B, H, H_KV } = heads();
    const Q_LEN = intField("run-qlen", "Q_LEN", 1, 4096), KV_LEN = intField("run-kvlen", "KV_LEN", 1, 4096);
    const D = intField("run-D", "D", 1, 512);
    const s: Sizes = { B, H, H_KV, Q_LEN, KV_LEN, D, DV: D };
    if (B * H * Q_LEN * KV_LEN > MAX_RUN_ENTRIES) throw new Error(`B·H·Q_LEN·KV_LEN = ${B * H * Q_LEN * KV_LEN} is above ${MAX_RUN_ENTRIES}: the reference runs in this page`);
    const { name, params } = blockAndParams();
    const ir = irOf(source.value, name, params);
    const data = randomInputs(ir, s, intField("run-seed", "seed", -(2 ** 31), 2 ** 31 - 1));
    const keysPerStep = intField("run-kps", "keys/step", 1, 8);
    const g = await runOnGpu(ir, s, data, { keysPerStep, onStage: (what) => (status.textContent = what) });
    status.textContent = "computing the float64 reference…";
    await new Promise((r) => setTimeout(r, 0)); // let the status paint
    let c: ReturnType<typeof compareWithOracle>;
    try {
      c = compareWithOracle(ir, s, data, g.o, g.lse);
    } catch (e) {
      throw new Error(`the kernel ran; the float64 reference failed on these inputs:\n${errorText(e)}`);
    }
    const pass = c.maxRel <= TOLERANCE;
    result.className = pass ? "pass" : "fail";
    result.dataset.maxRel = String(c.maxRel);
    result.textContent = [
      `max relative error ${c.maxRel.toExponential(3)} (o ${c.maxRelO.toExponential(3)}${g.lse ? `, lse ${c.maxRelLse.toExponential(3)}` : ""}): ${pass ? "within" : "ABOVE"} ${TOLERANCE}${pass ? "" : `\nworst: ${c.worst}`}`,
      `${ir.name} on ${g.adapter}, ${Object.entries(s).map(([k, v]) => `${k}=${v}`).join(" ")}, tile ${g.tile.blockQ}x${g.tile.blockKV} (${g.tile.keysPerStep} keys/step, split ${g.tile.split})`,
      `time: WGSL generation ${g.ms.compile.toFixed(1)} ms, createKernel ${g.ms.createKernel.toFixed(1)} ms, first forward + read-back ${g.ms.firstForward.toFixed(1)} ms, forward ${g.ms.forward.toFixed(2)} ms (median of 3), float64 reference ${c.ms.toFixed(1)} ms`,
    ].join("\n");
    $("wgsl").textContent = g.code;
    status.textContent = "";
  } catch (e) {
    status.textContent = "";
    result.className = "fail";
    result.textContent = errorText(e);
  } finally {
    button.disabled = webgpuMissing() !== null;
  }
}

async function showGpu(): Promise<void> {
  const el = $("gpu-status");
  const missing = webgpuMissing();
  if (missing) {
    el.className = "note error";
    el.textContent = `${missing} The diagnostics and the mask picture work without it; "Run on WebGPU" needs a browser with WebGPU (Chrome or Edge 113+, Safari 26+, Firefox 141+ on Windows).`;
    $<HTMLButtonElement>("run-button").disabled = true;
    return;
  }
  try {
    el.textContent = `WebGPU: ${(await gpuDevice()).adapter}`;
  } catch (e) {
    el.className = "note error";
    el.textContent = `${(e as Error).message} The diagnostics and the mask picture still work.`;
  }
}

function init(): void {
  const pick = $<HTMLSelectElement>("example");
  pick.append(...Object.keys(EXAMPLES).map((n) => new Option(n, n)));
  pick.onchange = () => {
    if (pick.value) source.value = EXAMPLES[pick.value]!;
    update();
  };
  source.value = INITIAL;
  const later = debounced(update, 250);
  source.addEventListener("input", () => {
    pick.value = "";
    later();
  });
  source.addEventListener("keydown", (e) => {
    if (e.key !== "Tab" || e.shiftKey) return;
    e.preventDefault();
    source.setRangeText("  ", source.selectionStart, source.selectionEnd, "end");
    later();
  });
  const maskLater = debounced(updateMask, 250);
  for (const id of ["block", "params", "mask-qlen", "mask-kvlen", "mask-tile", "mask-b", "mask-h", "run-B", "run-H", "run-HKV", "run-D", "run-seed"]) {
    $(id).addEventListener("input", maskLater);
  }
  $("mask-legend").replaceChildren(
    ...LEGEND.map(({ color, label }) => {
      const li = document.createElement("li");
      const sw = document.createElement("span");
      sw.style.background = `rgb(${color.join(",")})`;
      li.append(sw, label);
      return li;
    }),
  );
  $("run-button").onclick = () => void run();
  update();
  void showGpu();
}

init();
