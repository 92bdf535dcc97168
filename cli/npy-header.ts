/**
 * The header of a `.npy` file, parsed strictly as the Python dict literal numpy writes:
 *
 *     {'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 5, 4), }
 *
 * Exactly the keys `descr`, `fortran_order` and `shape`, each once, in any order; `descr` a quoted
 * string, `fortran_order` `True` or `False`, `shape` a tuple of plain decimal integers: `()`, `(3,)`,
 * `(2, 3)` or `(2, 3,)`. Not `4e0`, `0x1`, `1.0`, `+3`, `-1`, `007`, `1_000`, `(3)` (an int, not a
 * tuple) or an empty entry. Spaces and tabs may surround tokens; the header may end in spaces and
 * newlines (numpy pads it with spaces and ends it with `\n`).
 */

export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

class HeaderError extends Error {}

/** The header, or why it is not one numpy would write. */
export function parseNpyHeader(text: string): NpyHeader | string {
  try {
    return new HeaderParser(text).header();
  } catch (e) {
    if (e instanceof HeaderError) return `malformed header: ${e.message}`;
    throw e;
  }
}

const KEYS = ["descr", "fortran_order", "shape"] as const;
type Key = (typeof KEYS)[number];

class HeaderParser {
  private i = 0;
  constructor(private readonly s: string) {}

  header(): NpyHeader {
    const got = new Map<Key, string | boolean | number[]>();
    this.expect("{");
    this.skip();
    while (this.s[this.i] !== "}") {
      const key = this.string();
      if (!(KEYS as readonly string[]).includes(key)) throw new HeaderError(`unknown key '${key}'`);
      if (got.has(key as Key)) throw new HeaderError(`key '${key}' given twice`);
      this.expect(":");
      got.set(key as Key, key === "descr" ? this.string() : key === "fortran_order" ? this.bool() : this.tuple());
      this.skip();
      if (this.s[this.i] === "}") break;
      this.expect(",");
      this.skip();
    }
    this.i++;
    if (!/^[ \t\r\n]*$/.test(this.s.slice(this.i))) throw new HeaderError(`unexpected ${this.here()} after the dict`);
    for (const k of KEYS) if (!got.has(k)) throw new HeaderError(`no '${k}' key`);
    return { descr: got.get("descr") as string, fortranOrder: got.get("fortran_order") as boolean, shape: got.get("shape") as number[] };
  }

  private skip(): void {
    while (this.s[this.i] === " " || this.s[this.i] === "\t") this.i++;
  }

  private here(): string {
    return this.i < this.s.length ? `\`${this.s.slice(this.i, this.i + 16)}\`` : "the end";
  }

  private expect(c: string): void {
    this.skip();
    if (this.s[this.i] !== c) throw new HeaderError(`expected \`${c}\`, found ${this.here()}`);
    this.i++;
  }

  /** '...' or "..." without escapes */
  private string(): string {
    this.skip();
    const q = this.s[this.i];
    if (q !== "'" && q !== '"') throw new HeaderError(`expected a quoted string, found ${this.here()}`);
    const end = this.s.indexOf(q, this.i + 1);
    const body = end < 0 ? "" : this.s.slice(this.i + 1, end);
    if (end < 0 || /[\\\n]/.test(body)) throw new HeaderError(`bad string at ${this.here()}`);
    this.i = end + 1;
    return body;
  }

  private bool(): boolean {
    this.skip();
    const m = /^(True|False)(?![A-Za-z0-9_])/.exec(this.s.slice(this.i, this.i + 6));
    if (!m) throw new HeaderError(`fortran_order must be True or False, found ${this.here()}`);
    this.i += m[1]!.length;
    return m[1] === "True";
  }

  /** `()`, `(N,)`, `(N, M)`, `(N, M,)` with plain decimal integers */
  private tuple(): number[] {
    this.expect("(");
    const dims: number[] = [];
    let trailingComma = false;
    for (;;) {
      this.skip();
      if (this.s[this.i] === ")" && (dims.length === 0 || trailingComma)) break;
      const token = /^[^,()\s]*/.exec(this.s.slice(this.i))![0];
      if (token === "") throw new HeaderError(`empty entry in shape at ${this.here()}`);
      if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new HeaderError(`shape entry \`${token}\` is not a plain decimal integer`);
      if (!Number.isSafeInteger(Number(token))) throw new HeaderError(`shape entry ${token} is too large`);
      dims.push(Number(token));
      this.i += token.length;
      this.skip();
      trailingComma = this.s[this.i] === ",";
      if (trailingComma) this.i++;
      else if (this.s[this.i] === ")") break;
      else throw new HeaderError(`expected \`,\` or \`)\` in shape, found ${this.here()}`);
    }
    this.i++;
    if (dims.length === 1 && !trailingComma) throw new HeaderError(`shape (${dims[0]}) is an int, not a tuple; numpy writes (${dims[0]},)`);
    return dims;
  }
}
