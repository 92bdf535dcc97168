/**
 * The VS Code extension (editors/vscode) as far as it runs without VS Code: its package.json is
 * valid and points at files that exist, it depends on vscode-languageclient (attnc's own package
 * does not), `attnc.path` becomes the right command line, and `activate` starts a language client
 * on `attnc lsp` over stdio for `attn` documents (with `vscode` and the client library faked).
 */
import Module, { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const DIR = "editors/vscode";
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(join(DIR, "package.json"), "utf8"));
type Ext = {
  activate(ctx: { subscriptions: unknown[] }): Promise<void>;
  deactivate(): unknown;
  serverCommand(setting: unknown, cwd?: string, exists?: (p: string) => boolean): { command: string; args: string[] };
};
const loadExtension = (): Ext => {
  const file = require.resolve(`../../${DIR}/extension.js`);
  delete require.cache[file];
  return require(file) as Ext;
};

describe("the VS Code extension's package.json", () => {
  it("contributes the language, grammar and setting, and its files exist", () => {
    expect(manifest.main).toBe("./extension.js");
    const lang = manifest.contributes.languages[0];
    expect(manifest.activationEvents).toEqual([`onLanguage:${lang.id}`]);
    expect(lang.extensions).toEqual([".attn"]);
    expect(manifest.contributes.grammars[0].language).toBe(lang.id);
    for (const f of [manifest.main, lang.configuration, manifest.contributes.grammars[0].path]) expect(existsSync(join(DIR, f)), f).toBe(true);
    for (const f of [lang.configuration, manifest.contributes.grammars[0].path]) expect(() => JSON.parse(readFileSync(join(DIR, f), "utf8")), f).not.toThrow();
    expect(manifest.contributes.configuration.properties["attnc.path"]).toMatchObject({ type: "string", default: "attnc" });
  });

  it("the language client is the extension's dependency (locked), not attnc's", () => {
    expect(Object.keys(manifest.dependencies)).toEqual(["vscode-languageclient"]);
    const lock = JSON.parse(readFileSync(join(DIR, "package-lock.json"), "utf8"));
    expect(lock.packages["node_modules/vscode-languageclient"].version).toMatch(/^\d+\./);
    const root = JSON.parse(readFileSync("package.json", "utf8"));
    for (const k of ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]) expect(Object.keys(root[k] ?? {})).not.toContain("vscode-languageclient");
  });
});

describe("extension.js", () => {
  const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;
  afterEach(() => {
    (Module as unknown as { _load: unknown })._load = load;
  });

  it("turns attnc.path into a command line", () => {
    const { serverCommand } = loadExtension();
    const none = () => false;
    expect(serverCommand(undefined, "/w", none)).toEqual({ command: "attnc", args: ["lsp"] });
    expect(serverCommand("  ", "/w", none)).toEqual({ command: "attnc", args: ["lsp"] });
    expect(serverCommand("npx attnc", "/w", none)).toEqual({ command: "npx", args: ["attnc", "lsp"] });
    expect(serverCommand("node_modules/.bin/attnc", "/w", none)).toEqual({ command: "node_modules/.bin/attnc", args: ["lsp"] });
    expect(serverCommand("/opt/my tools/attnc", "/w", (p) => p === "/opt/my tools/attnc")).toEqual({ command: "/opt/my tools/attnc", args: ["lsp"] });
  });

  it("activate starts a language client on `attnc lsp` over stdio for attn documents", async () => {
    const made: { id: string; server: { run: Record<string, unknown> }; client: { documentSelector: unknown }; started: boolean }[] = [];
    class LanguageClient {
      started = false;
      constructor(id: string, _name: string, server: { run: Record<string, unknown> }, client: { documentSelector: unknown }) {
        made.push(Object.assign(this, { id, server, client }));
      }
      async start() {
        this.started = true;
      }
      async stop() {}
    }
    const vscode = {
      workspace: {
        workspaceFolders: [{ uri: { fsPath: "/ws" } }],
        getConfiguration: (section: string) => ({ get: (k: string) => (section === "attnc" && k === "path" ? "npx attnc" : undefined) }),
        onDidChangeConfiguration: () => ({ dispose() {} }),
      },
      window: { showErrorMessage: () => undefined, showInformationMessage: () => undefined },
    };
    const fakes: Record<string, unknown> = { vscode, "vscode-languageclient/node": { LanguageClient, TransportKind: { stdio: 0 } } };
    (Module as unknown as { _load: unknown })._load = (req: string, ...rest: unknown[]) => (req in fakes ? fakes[req] : load(req, ...rest));
    const ext = loadExtension();
    const ctx = { subscriptions: [] as unknown[] };
    await ext.activate(ctx);
    expect(made).toHaveLength(1);
    expect(made[0]!.server.run).toMatchObject({ command: "npx", args: ["attnc", "lsp"], transport: 0, options: { cwd: "/ws" } });
    expect(made[0]!.client.documentSelector).toEqual([{ language: manifest.contributes.languages[0].id }]);
    expect(made[0]!.started).toBe(true);
    await ext.deactivate();
  });
});
