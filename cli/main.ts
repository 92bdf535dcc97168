#!/usr/bin/env node
/**
 * The `attnc` command: dispatches to the command modules in cli/commands/. The only module that
 * sees every stage. Exit codes: 0 success, 1 invalid program or input, 2 usage error; an
 * unexpected exception is an internal error (E0901), exit 1, with its stack.
 */
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import { checkCommand } from "./commands/check.js";
import { compileCommand } from "./commands/compile.js";
import { runCommand } from "./commands/run.js";
import { analyzeCommand } from "./commands/analyze.js";
import { vizCommand } from "./commands/viz.js";
import { mergeCommand } from "./commands/merge.js";
import { lspCommand } from "./commands/lsp.js";
import type { Command } from "./command.js";
import { UsageError } from "./args.js";
import { processIo, type Io } from "./io.js";

export const COMMANDS: Command[] = [compileCommand, checkCommand, runCommand, mergeCommand, analyzeCommand, vizCommand, lspCommand];

function help(io: Io): void {
  io.out("attnc — a compiler for attention kernels\n\nUsage: attnc <command> [options]\n\nCommands:\n");
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(9)} ${c.summary}\n`);
  io.out("\nRun `attnc help COMMAND` for a command's options. Docs: docs/language.md\n");
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    help(io);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    io.out("attnc 0.1.0\n");
    return 0;
  }
  if (name === "help") {
    const c = COMMANDS.find((x) => x.name === rest[0]);
    if (c) io.out(`${c.usage}\n`);
    else help(io);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`attnc: unknown command \`${name}\`\n`);
    help(io);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`attnc ${cmd.name}: ${e.message}\nusage: ${cmd.usage}\n`);
      return 2;
    }
    io.err(`error[E0901]: internal compiler error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`error[E0901]: internal compiler error: ${(e as Error).stack}\n`);
      process.exit(1);
    },
  );
}
