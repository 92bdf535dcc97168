/**
 * Every handler of the server runs inside `guard` (lsp/server.ts): an exception in it is logged
 * to the client with its stack (the editor's LSP log) and answered with nothing; it never reaches
 * the connection, which would end the process or answer with an error.
 */
import { describe, expect, it } from "vitest";
import type { Connection } from "vscode-languageserver/node";
import { fileOf, guard } from "../../lsp/server.js";

describe("guard", () => {
  it("answers the fallback and logs the exception", () => {
    const logged: string[] = [];
    const connection = { console: { error: (m: string) => logged.push(m) } } as unknown as Connection;
    const hover = guard(connection, "hover", null, (x: number) => {
      if (x > 1) throw new Error("boom");
      return { x };
    });
    expect(hover(1)).toEqual({ x: 1 });
    expect(hover(2)).toBeNull();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^attnc lsp: hover failed: Error: boom\n\s+at /);
  });

  it("a document's file name: the path of a file URI, else the URI", () => {
    expect(fileOf("file:///home/me/a%20b.attn")).toBe("/home/me/a b.attn");
    expect(fileOf("untitled:Untitled-1")).toBe("untitled:Untitled-1");
    expect(fileOf("file://server/share/x.attn")).toMatch(/x\.attn$/); // a UNC path (or the URI where the platform has none)
  });
});
