/**
 * `attnc lsp [--stdio]`: the language server for editors (LSP over stdin/stdout; lsp/server.ts,
 * docs/editors.md). The server is loaded here, on demand, so that other commands start without it
 * (scripts/bundle.mjs keeps it out of the CLI bundle). `--stdio` and `--clientProcessId` are
 * accepted because LSP clients pass them (vscode-languageclient does); stdio is the only transport.
 */
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";

export const lspCommand: Command = {
  name: "lsp",
  summary: "the language server for editors (LSP over stdio; docs/editors.md)",
  usage: "attnc lsp [--stdio]   (started by an editor's LSP client; talks LSP on stdin/stdout)",
  async run(argv, io) {
    const a = parseArgs(argv, { stdio: {}, clientProcessId: { value: true } });
    if (a.positional.length > 0) throw new UsageError("lsp takes no FILE: the editor sends the documents");
    let server: { startServer(): void };
    try {
      server = await import("../../lsp/server.js");
    } catch (e) {
      io.err(`attnc lsp: cannot load the language server: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    if (process.stdin.isTTY) io.err("attnc lsp: a language server: it reads LSP messages on stdin; start it from an editor (docs/editors.md)\n");
    server.startServer();
    // The server ends the process itself: on the client's `exit` notification, or when stdin closes.
    return new Promise<number>(() => {});
  },
};
