/** `attnc check FILE [--json]`: diagnostics only. */
import { checkSource } from "../../compiler/pipeline.js";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { withDiagnostics } from "../io.js";
import { readSource } from "../source.js";

export const checkCommand: Command = {
  name: "check",
  summary: "check a .attn file and print its diagnostics",
  usage: "attnc check FILE [--json]",
  async run(argv, io) {
    const a = parseArgs(argv, { json: {} });
    if (a.positional.length !== 1) throw new UsageError("check takes exactly one FILE");
    const file = a.positional[0]!;
    const json = a.has("json");
    const sources: Record<string, string> = {};
    return withDiagnostics(io, json, sources, async () => {
      const source = readSource(file, sources);
      const mod = checkSource(source, file); // the language server (lsp/) reports the same
      const names = mod.attentions.map((x) => x.name);
      if (json) io.out(`${JSON.stringify({ diagnostics: [], attentions: names })}\n`);
      else io.out(`${file}: ok (${names.length} attention block${names.length === 1 ? "" : "s"}: ${names.join(", ")})\n`);
      return 0;
    });
  },
};
