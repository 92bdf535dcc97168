/**
 * `attnc lsp`: the language server for `.attn` files, LSP over stdio (vscode-languageserver).
 *
 * Capabilities: full-text document sync; diagnostics published on open and change (after a
 * short pause in typing) and cleared on close; hover; go to definition. Each request and each
 * check runs inside a guard: an exception is logged to the client (window/logMessage) and answered
 * with nothing, never a crash. Nothing but LSP messages is written to stdout (console output goes
 * to the log). Loaded only by `attnc lsp` (a dynamic import in cli/commands/lsp.ts), and bundled
 * on its own by scripts/bundle.mjs, so no other command pays for it.
 */
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { createConnection, TextDocuments, TextDocumentSyncKind, type Connection, type PublishDiagnosticsParams } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { definitionAt } from "./definition.js";
import { AttnDocument } from "./document.js";
import { hoverAt } from "./hover.js";

/** How long after the last change a document is checked again (ms). */
export const CHECK_DELAY_MS = 150;

/** The path `attnc check` would be given for a document: its file path, else the URI itself. */
export function fileOf(uri: string): string {
  try {
    return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

/** Wraps a handler: an exception is logged to the client and answered with `fallback`, never thrown. */
export function guard<A extends unknown[], R>(connection: Connection, what: string, fallback: R, f: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      return f(...args);
    } catch (e) {
      connection.console.error(`attnc lsp: ${what} failed: ${(e as Error)?.stack ?? String(e)}`);
      return fallback;
    }
  };
}

/** Starts the server on stdin/stdout; the process ends on the client's `exit` or when stdin closes. */
export function startServer(): void {
  const connection = createConnection(process.stdin, process.stdout);
  for (const level of ["log", "info", "debug", "warn", "error"] as const) {
    console[level] = (...args: unknown[]) => connection.console[level === "debug" ? "log" : level](format(...args));
  }
  const documents = new TextDocuments(TextDocument);
  /** The latest analysis of each open document, by URI (replaced on every change). */
  const analyzed = new Map<string, AttnDocument>();
  const timers = new Map<string, NodeJS.Timeout>();

  const current = (uri: string): AttnDocument | undefined => {
    const td = documents.get(uri);
    if (!td) return undefined;
    let doc = analyzed.get(uri);
    if (doc?.text !== td.getText()) {
      doc = new AttnDocument(td.getText(), fileOf(uri), uri);
      analyzed.set(uri, doc);
    }
    return doc;
  };

  /** Sends a document's diagnostics; a failed send (the client gone) is logged, never an unhandled rejection. */
  const send = (params: PublishDiagnosticsParams) => {
    connection.sendDiagnostics(params).catch((e: unknown) => connection.console.error(`attnc lsp: sending diagnostics failed: ${String(e)}`));
  };

  const publish = guard(connection, "checking a document", undefined, (uri: string) => {
    const td = documents.get(uri);
    const doc = current(uri);
    if (!td || !doc) return;
    const diagnostics = doc.diagnostics((m) => connection.console.error(m));
    send({ uri, version: td.version, diagnostics });
  });

  const schedule = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      publish(uri);
    }, delay));
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Full,
      hoverProvider: true,
      definitionProvider: true,
    },
    serverInfo: { name: "attnc", version: "0.1.0" },
  }));

  // fired on open too: a document just opened is checked at once, an edited one after a pause
  documents.onDidChangeContent((e) => schedule(e.document.uri, analyzed.has(e.document.uri) ? CHECK_DELAY_MS : 0));
  documents.onDidClose(guard(connection, "closing a document", undefined, (e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyzed.delete(e.document.uri);
    send({ uri: e.document.uri, diagnostics: [] });
  }));

  connection.onHover(guard(connection, "hover", null, (p) => {
    const doc = current(p.textDocument.uri);
    return doc ? hoverAt(doc, p.position) : null;
  }));
  connection.onDefinition(guard(connection, "go to definition", null, (p) => {
    const doc = current(p.textDocument.uri);
    return doc ? definitionAt(doc, p.position) : null;
  }));

  documents.listen(connection);
  connection.listen();
}
