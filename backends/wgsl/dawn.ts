/// <reference types="@webgpu/types" />
/**
 * Opens a WebGPU device in Node through Dawn (the `webgpu` npm package).
 *
 * Contract: `openDawn` resolves to a device on the first adapter Dawn finds (high-performance
 * preferred) with the adapter's own compute limits requested (`limits: "adapter"`, the default)
 * or WebGPU's defaults (`"default"`), and a one-line description of the adapter. dawn.node keeps
 * Node's event loop alive while its instance lives: callers that are programs end with
 * `process.exit` (see docs/backends/wgsl.md); tests run in vitest's forks pool, which ends them.
 * No WebGPU globals are installed on `globalThis`. Keep the returned object (it holds the Dawn
 * instance) for as long as the device is used.
 */
import { AttncError, diag } from "../../dsl/diagnostics.js";

export interface DawnOptions {
  /** module specifier or file URL of the `webgpu` package's index.js (default "webgpu") */
  webgpuModule?: string;
  limits?: "adapter" | "default";
  /** optional features to enable when the adapter offers them (default: subgroups, shader-f16) */
  features?: GPUFeatureName[];
}

export interface DawnGpu {
  /** the Dawn instance: it must stay referenced while the device is used (dawn.node crashes when
   * the instance is garbage-collected under a live device) */
  instance: GPU;
  device: GPUDevice;
  adapter: GPUAdapter;
  /** e.g. "mesa llvmpipe (software)" */
  description: string;
  features: string[];
}

const LIMIT_NAMES = [
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxStorageBuffersPerShaderStage",
] as const;

type WebgpuModule = { create(flags: string[]): GPU };

export async function openDawn(opts: DawnOptions = {}): Promise<DawnGpu> {
  let mod: WebgpuModule;
  try {
    mod = (await import(opts.webgpuModule ?? "webgpu")) as WebgpuModule;
  } catch (e) {
    throw new AttncError([diag("E0409", `WebGPU for Node (the \`webgpu\` package) could not be loaded: ${(e as Error).message}`)]);
  }
  const gpu = mod.create([]);
  const adapter = (await gpu.requestAdapter({ powerPreference: "high-performance" })) ?? null;
  if (!adapter)
    throw new AttncError([diag("E0409", "Dawn found no WebGPU adapter (no Vulkan driver?); run scripts/setup-webgpu.sh to install Mesa's lavapipe")]);
  const requiredLimits: Record<string, number> = {};
  if ((opts.limits ?? "adapter") === "adapter") for (const n of LIMIT_NAMES) requiredLimits[n] = adapter.limits[n];
  const features = (opts.features ?? ["subgroups", "shader-f16"]).filter((f) => adapter.features.has(f));
  const device = await adapter.requestDevice({ requiredLimits, requiredFeatures: features });
  const i = adapter.info;
  const description = [i.vendor, i.architecture, i.device, i.description].filter((x) => x).join(" ").replace(/\s+/g, " ");
  return { instance: gpu, device, adapter, description, features: [...device.features] as string[] };
}
