/** Reading the page's controls: integers in range and the tile shape, with errors that name the field. */

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`internal: the page has no #${id}`);
  return el as T;
};

/** The integer in input #id, in [min, max]; `label` names it in the error. */
export function intField(id: string, label: string, min: number, max: number): number {
  const text = $<HTMLInputElement>(id).value.trim();
  if (!/^-?\d+$/.test(text)) throw new Error(`${label} must be an integer, got \`${text}\``);
  const n = Number(text);
  if (n < min || n > max) throw new Error(`${label} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** `ROWSxKEYS`, as `attnc viz --tile` takes it. */
export function tileField(id: string): { bq: number; bkv: number } {
  const text = $<HTMLInputElement>(id).value.trim();
  const m = /^(\d+)x(\d+)$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error(`tile takes ROWSxKEYS, e.g. 128x64, got \`${text}\``);
  return { bq: Number(m[1]), bkv: Number(m[2]) };
}

/** Calls `f` `ms` after the last call of the returned function. */
export function debounced(f: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(f, ms);
  };
}
