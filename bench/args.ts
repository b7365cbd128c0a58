/** `--name value` and `--name=value` command-line options for the bench and eval scripts. */
export function numberArg(name: string, fallback: number): number {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const raw = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${raw}`);
  return n;
}

/** A bare `--name` switch. */
export function flagArg(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}
