/**
 * What a CLI command may touch of the outside world. Tests pass their own to run the CLI in-process
 * and read what it printed; `processContext()` is the real process.
 */
export interface CliContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for `-`). */
  readonly readStdin: () => Promise<string>;
  /** True when stderr is a terminal (progress lines are shown only then). */
  readonly isTTY: boolean;
  /** Width of the terminal, for wrapping --help (100 when unknown). */
  readonly columns?: number;
  /** Asks one question on the terminal and resolves with the answer; absent when stdin is not a terminal. */
  readonly prompt?: (question: string) => Promise<string>;
  /** Ends long-running commands (generate --watch) from outside, as SIGINT does for the process. */
  readonly signal?: AbortSignal;
}

export function processContext(): CliContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: Boolean(process.stderr.isTTY),
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    ...(process.stdin.isTTY ? { prompt: ask } : {}),
  };
}

async function ask(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/** What `-` (standard input) becomes on the way through yargs, which drops a lone `-`. */
export const STDIN_ARG = '\u0000stdin';

/** Exit codes shared by every command. */
export const ExitCode = { ok: 0, error: 1, usage: 2 } as const;

/** A failure the CLI reports as one line and an exit code, never with a stack trace. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.error,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
