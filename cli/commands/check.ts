/**
 * `attnc check FILE [--name NAME] [--param K=V]... [--json]`: diagnostics only.
 *
 * Checks the front end and lowers the blocks (all, or `--name`) with their params — the defaults,
 * or `--param` overrides, as `compile` and `run` would take them (E0401 unknown param, E0402 bad
 * value, E0215 a dim from a param below 1) — so params and dims are checked before run time. A valid
 * program exits 0 and prints its warnings (W03xx) first; `--json` prints `{ diagnostics, attentions }`
 * with the warnings as diagnostics of severity "warning" (errors exit 1 with the errors' JSON).
 */
import { checkSource } from "../../compiler/pipeline.js";
import { diagnosticToJson } from "../../dsl/diagnostics.js";
import { paramOverrides, parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { printDiagnostics, withDiagnostics } from "../io.js";
import { readSource } from "../source.js";

export const checkCommand: Command = {
  name: "check",
  summary: "check a .attn file (and its params) and print its diagnostics",
  usage: "attnc check FILE [--name NAME] [--param K=V]... [--json]",
  async run(argv, io) {
    const a = parseArgs(argv, { json: {}, name: { value: true }, param: { value: true, repeat: true } });
    if (a.positional.length !== 1) throw new UsageError("check takes exactly one FILE");
    const file = a.positional[0]!;
    const json = a.has("json");
    const opts = { name: a.get("name"), params: paramOverrides(a.all("param")) };
    const sources: Record<string, string> = {};
    return withDiagnostics(io, json, sources, async () => {
      const source = readSource(file, sources);
      const { module, warnings } = checkSource(source, file, opts); // the language server (lsp/) reports the same
      const names = module.attentions.map((x) => x.name);
      if (json) io.out(`${JSON.stringify({ diagnostics: warnings.map(diagnosticToJson), attentions: names })}\n`);
      else {
        printDiagnostics(io, warnings, false, sources);
        const w = warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : "";
        io.out(`${file}: ok (${names.length} attention block${names.length === 1 ? "" : "s"}: ${names.join(", ")}${w})\n`);
      }
      return 0;
    });
  },
};
