/**
 * `attnc lsp` end to end: the built CLI (dist/cli/main.js) started as an editor starts it, spoken
 * to over stdio (tests/lsp/rpc.ts). Initialize; open a broken program and get `attnc check`'s
 * diagnostics; hover and go to definition; fix it and get none; a request it does not know and a
 * position past the end do not hurt it; close (diagnostics cleared); shutdown and exit with code 0.
 * Nothing but framed messages on stdout, nothing on stderr.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cli, tmp } from "../cli/helpers.js";
import { LspProcess, WAIT_MS } from "./rpc.js";
import { GOOD, at } from "./programs.js";

const TEST_MS = 120_000;
let server: LspProcess | undefined;
afterEach(() => server?.kill());
beforeAll(() => {
  if (!existsSync("dist/cli/main.js") || !existsSync("dist/lsp/server.js")) throw new Error("dist/ is missing: the test command builds it first (npm run build)");
});

/** a syntax error (E0102) and a character outside the language (E0101, and outside the BMP: two UTF-16 units) */
const BROKEN = GOOD.replace("param cap: float = 30.0", "param cap: float = 30.0 +").replace("score cap", "score 😀 + cap");

describe("attnc lsp over stdio", () => {
  it("initialize, diagnostics, hover, definition, change, close, shutdown, exit", async () => {
    const file = join(tmp(), "broken.attn");
    writeFileSync(file, BROKEN);
    const uri = pathToFileURL(file).href;
    const check = JSON.parse((await cli("check", file, "--json")).out).diagnostics as { code: string; message: string; line: number; column: number }[];
    expect(check.map((d) => d.code)).toEqual(["E0102", "E0101"]);

    server = new LspProcess(["dist/cli/main.js", "lsp", "--stdio"]);
    const init = await server.request("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    expect(init.result).toMatchObject({ capabilities: { hoverProvider: true, definitionProvider: true, textDocumentSync: 1 }, serverInfo: { name: "attnc" } });
    server.notify("initialized", {});

    let mark = server.received.length;
    server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "attn", version: 1, text: BROKEN } });
    const published = (await server.diagnostics(uri, mark, 1)).params as { diagnostics: { code: string; message: string; severity: number; source: string; range: { start: { line: number; character: number } } }[] };
    expect(published.diagnostics.map((d) => [d.code, d.message, d.severity, d.range.start])).toEqual(
      check.map((d) => [d.code, d.message, 1, { line: d.line - 1, character: d.column - 1 }]),
    );
    expect(published.diagnostics.every((d) => d.source === "attnc")).toBe(true);

    const hover = await server.request("textDocument/hover", { textDocument: { uri }, position: at(BROKEN, "doc[b, q]", 0, 1) });
    expect(hover.result).toMatchObject({ contents: { kind: "markdown", value: expect.stringMatching(/^```attn\ninput doc: i32\[B, Q_LEN\]\n```/) } });
    const definition = await server.request("textDocument/definition", { textDocument: { uri }, position: at(BROKEN, "window(w)") });
    expect(definition.result).toEqual({ uri, range: { start: at(BROKEN, "window(w: int)"), end: at(BROKEN, "window(w: int)", 0, 6) } });

    mark = server.received.length;
    server.notify("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: GOOD }] });
    expect((await server.diagnostics(uri, mark, 2)).params).toMatchObject({ diagnostics: [] });

    const unknown = await server.request("textDocument/frobnicate", { textDocument: { uri } });
    expect(unknown.error?.code).toBe(-32601); // MethodNotFound, and the server goes on
    const past = await server.request("textDocument/hover", { textDocument: { uri }, position: { line: 10_000, character: 5 } });
    expect(past.result).toBeNull();
    const closedDoc = await server.request("textDocument/hover", { textDocument: { uri: "file:///never-opened.attn" }, position: { line: 0, character: 0 } });
    expect(closedDoc.result).toBeNull();

    mark = server.received.length;
    server.notify("textDocument/didClose", { textDocument: { uri } });
    expect((await server.diagnostics(uri, mark)).params).toMatchObject({ diagnostics: [] });

    const shutdown = await server.request("shutdown", null);
    expect(shutdown.error).toBeUndefined();
    server.notify("exit", null);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.garbage).toBe("");
    expect(server.stderr).toBe("");
  }, TEST_MS);

  it("ends when the editor goes away (stdin closed), and says how it is used", async () => {
    server = new LspProcess(["dist/cli/main.js", "lsp"]);
    await server.request("initialize", { processId: null, rootUri: null, capabilities: {} });
    server.child.stdin.end();
    const ended = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r("still running"), WAIT_MS))]);
    expect(ended).toEqual({ code: 1, signal: null }); // no shutdown request came first
    expect(server.stderr).toBe("");

    const usage = await cli("lsp", "some.attn");
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^attnc lsp: lsp takes no FILE.*\nusage: attnc lsp/);
    expect((await cli("help", "lsp")).out).toMatch(/^attnc lsp \[--stdio\]/);
  }, TEST_MS);
});
