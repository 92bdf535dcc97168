/**
 * A language server in a child process, spoken to as an editor does: JSON-RPC messages framed by
 * `Content-Length` headers (bytes of UTF-8) on its stdin and stdout. Hand-rolled, so the test also
 * checks the wire format. Every wait has a generous limit (the machine may be loaded) and fails
 * with what was received so far.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

export interface Message {
  jsonrpc: "2.0";
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export const WAIT_MS = 30_000;

export class LspProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** every message the server sent, in order */
  readonly received: Message[] = [];
  stderr = "";
  /** bytes on stdout that are not a well-framed message (must stay empty) */
  garbage = "";
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private listeners: (() => void)[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(argv: string[]) {
    this.child = spawn(process.execPath, argv, { stdio: "pipe" });
    this.child.stdout.on("data", (b: Buffer) => this.onData(b));
    this.child.stderr.on("data", (b: Buffer) => (this.stderr += b.toString("utf8")));
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString("ascii");
      const m = /^Content-Length: (\d+)$/im.exec(header);
      if (!m) {
        this.garbage += this.buffer.toString("utf8");
        this.buffer = Buffer.alloc(0);
        return;
      }
      const start = headerEnd + 4;
      const length = Number(m[1]);
      if (this.buffer.length < start + length) return;
      this.received.push(JSON.parse(this.buffer.subarray(start, start + length).toString("utf8")) as Message);
      this.buffer = this.buffer.subarray(start + length);
      for (const l of this.listeners.splice(0)) l();
    }
  }

  send(message: Omit<Message, "jsonrpc">): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]));
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The first message (after `from`) that satisfies `pred`; rejects after WAIT_MS. */
  waitFor(pred: (m: Message) => boolean, what: string, from = 0): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms; received ${JSON.stringify(this.received)}; stderr ${this.stderr}`)), WAIT_MS);
      const look = () => {
        const m = this.received.slice(from).find(pred);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        } else this.listeners.push(look);
      };
      look();
    });
  }

  /** Sends a request and waits for its response. */
  async request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return this.waitFor((m) => m.id === id && m.method === undefined, `response to ${method}`);
  }

  /** The `textDocument/publishDiagnostics` for `uri` (and `version`, if given) that arrives after message index `from`. */
  diagnostics(uri: string, from: number, version?: number): Promise<Message> {
    return this.waitFor((m) => {
      const p = m.params as { uri?: string; version?: number } | undefined;
      return m.method === "textDocument/publishDiagnostics" && p?.uri === uri && (version === undefined || p.version === version);
    }, `diagnostics of ${uri}${version === undefined ? "" : ` version ${version}`}`, from);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}
