/**
 * The tiny IPC protocol between bench/run.js and a server child: the child sends
 * `{ type: 'ready', ... }` once it listens (or `{ type: 'failed', message }`), and stops cleanly on
 * `{ type: 'stop' }` (a clean exit is what lets `--cpu-prof` write its profile).
 */
export function serveChild(start) {
  const options = JSON.parse(process.argv[2] ?? '{}');
  let stop = async () => undefined;
  process.on('message', (message) => {
    if (message?.type !== 'stop') return;
    stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`bench child: stop failed: ${error?.stack ?? error}\n`);
        process.exit(1);
      },
    );
  });
  start(options).then(
    (result) => {
      stop = result.stop;
      process.send({ type: 'ready', ...result.info });
    },
    (error) => {
      process.send({ type: 'failed', message: String(error?.stack ?? error) }, () => process.exit(1));
    },
  );
}
