// The attnc extension for VS Code: highlighting comes from the TextMate grammar (package.json);
// this file starts attnc's language server, `attnc lsp` (diagnostics as `attnc check` gives them,
// hover, go to definition), through vscode-languageclient over stdio. The command comes from the
// `attnc.path` setting: `attnc` on the PATH (the default), a path to the binary, or `npx attnc`.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

/**
 * The command and arguments that start the server, from the `attnc.path` setting: a file that
 * exists (relative to `cwd`) is the command as it is, spaces and all; otherwise the setting is
 * split at blanks (`npx attnc`, `node /x/dist/cli/main.js`). `lsp` is appended (the client then
 * appends `--stdio`).
 */
function serverCommand(setting, cwd, exists = fs.existsSync) {
  const value = typeof setting === "string" && setting.trim() !== "" ? setting.trim() : "attnc";
  if (!/\s/.test(value) || exists(path.resolve(cwd || ".", value))) return { command: value, args: ["lsp"] };
  const [command, ...rest] = value.split(/\s+/);
  return { command, args: [...rest, "lsp"] };
}

let client;

async function activate(context) {
  const vscode = require("vscode");
  const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const cwd = folder ? folder.uri.fsPath : undefined;
  const { command, args } = serverCommand(vscode.workspace.getConfiguration("attnc").get("path"), cwd);
  const server = { command, args, transport: TransportKind.stdio, options: { cwd, shell: process.platform === "win32" } };
  client = new LanguageClient("attnc", "attnc language server", { run: server, debug: server }, {
    documentSelector: [{ language: "attn" }],
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("attnc.path")) void vscode.window.showInformationMessage("attnc.path changed: run “Developer: Reload Window” to restart the language server with it.");
    }),
  );
  try {
    await client.start();
  } catch (e) {
    const line = [command, ...args].join(" ");
    void vscode.window.showErrorMessage(
      `attnc: could not start the language server with \`${line}\` (${e instanceof Error ? e.message : String(e)}). ` +
        "Install attnc (`npm install -g attnc`) or set `attnc.path` (e.g. to `npx attnc`).",
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverCommand };
