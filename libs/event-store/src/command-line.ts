// What the store's command-line tools (verify-audit, write-checkpoint, migrate) share: what
// a run is given, and starting one as the program with its answer as the exit code.

/** A run's arguments and environment, and where its lines go. */
export interface CommandLine {
  argv: string[];
  env: NodeJS.ProcessEnv;
  print: (line: string) => void;
  complain: (line: string) => void;
}

/** This process's arguments (after the script), environment, stdout and stderr. */
export function processCommandLine(): CommandLine {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    print: (line) => console.log(line),
    complain: (line) => console.error(line),
  };
}

/** Runs `main` when `entry` is the program node started; its answer becomes the exit code. */
export function runAsProgram(entry: NodeModule, main: () => Promise<number>): void {
  if (require.main !== entry) return;
  void main().then((code) => {
    process.exitCode = code;
  });
}
