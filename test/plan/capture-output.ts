/** What was written to stdout and stderr while `fn` ran (still passed through), with its result. */
export async function capturingOutput<T>(fn: () => Promise<T>): Promise<{ result: T; written: string }> {
  const writes = { out: process.stdout.write, err: process.stderr.write };
  let written = "";
  const capture =
    (original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    (...args: Parameters<typeof process.stdout.write>): boolean => {
      written += String(args[0]);
      return original.apply(stream, args);
    };
  process.stdout.write = capture(writes.out, process.stdout) as typeof process.stdout.write;
  process.stderr.write = capture(writes.err, process.stderr) as typeof process.stderr.write;
  try {
    return { result: await fn(), written };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
}
