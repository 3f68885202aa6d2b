/**
 * For crash tests: runs a writer script as a child process and SIGKILLs it mid-write. The
 * script prints `READY` once it serves, then `BEGIN <json>` before and `ACK <json>` after each
 * write it had acknowledged; a line is printed whole, so a kill never leaves half a line.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface WriterLine {
  kind: 'BEGIN' | 'ACK';
  payload: unknown;
}

/**
 * Starts `node --import tsx <script> …args` and kills it once it has printed `killAfterAcks`
 * ACKs; resolves with the BEGIN and ACK lines it printed, in order.
 */
export function runAndKill(script: string, args: string[], killAfterAcks: number, timeoutMs = 20_000): Promise<WriterLine[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: WriterLine[] = [];
  let acks = 0;
  let ready = false;
  let killed = false;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killWhenDue = () => {
    if (ready && !killed && acks >= killAfterAcks) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'READY') ready = true;
    else if (line.startsWith('BEGIN ')) lines.push({ kind: 'BEGIN', payload: JSON.parse(line.slice(6)) });
    else if (line.startsWith('ACK ')) {
      lines.push({ kind: 'ACK', payload: JSON.parse(line.slice(4)) });
      acks += 1;
    }
    killWhenDue();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killed && signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`${script} ended (${signal ?? code}) before ${killAfterAcks} acks; stderr: ${stderr.slice(-2000)}`));
    });
  });
}
