/** The shape of one CLI command module (cli/commands/*.ts). */
import type { Io } from "./io.js";

export interface Command {
  name: string;
  /** one line for `attnc --help` */
  summary: string;
  /** the usage text printed on a usage error and by `attnc help NAME` */
  usage: string;
  /** returns the exit code: 0 success, 1 invalid program or input, 2 usage */
  run(args: string[], io: Io): Promise<number>;
}
