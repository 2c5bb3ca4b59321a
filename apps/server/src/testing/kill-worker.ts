// The crash tests' worker runner: a child process that prints `at <n>` after each step it commits
// (and `ready` once set up), killed with SIGKILL a given time into its work unless it finishes.
import { spawn } from 'node:child_process';

export interface KillableRun {
  /** The script and its arguments, run with this Node. */
  script: string;
  args: readonly string[];
  /** Extra environment for the child. */
  env?: Record<string, string>;
  /** Milliseconds until SIGKILL, or null to let it finish. */
  killAfterMs: number | null;
  /**
   * When the kill clock starts: at the worker's `ready` line, or at its first `at <n>` step
   * (when start-up time varies under load and the kill must land among the steps).
   */
  armOn: 'ready' | 'first-step';
}

/** Runs the worker; answers whether it was killed and the last step it reported. */
export function runKillableWorker(run: KillableRun): Promise<{ killed: boolean; reached: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [run.script, ...run.args], {
      env: { ...process.env, ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let reached = -1;
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    const arm = () => {
      if (timer === null && run.killAfterMs !== null)
        timer = setTimeout(() => child.kill('SIGKILL'), run.killAfterMs);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line === 'ready' && run.armOn === 'ready') arm();
        const m = /^at (\d+)$/.exec(line);
        if (!m) continue;
        if (run.armOn === 'first-step') arm();
        reached = Number(m[1]);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ killed: true, reached });
      else if (code === 0) resolve({ killed: false, reached });
      else reject(new Error(`worker exited ${code}: ${stderr}`));
    });
  });
}
