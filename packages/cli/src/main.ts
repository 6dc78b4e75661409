import { processIo } from './cli-io';
import { runPushpull } from './run-pushpull';

// The `pushpull` command: one run with the process's streams and environment.
const code = await runPushpull(process.argv.slice(2), processIo());
process.exitCode = code;
// A failure ends the process once stdout is flushed, whatever is still open (a client that was
// connecting, say); a success ends when its work is done (`serve` and `start` run until a signal).
if (code !== 0) process.stdout.write('', () => process.exit(code));
