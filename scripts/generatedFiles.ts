// Writing or checking committed files the code generates (gen:client, gen:edge): one loop, one wording.
import fs from 'node:fs';
import path from 'node:path';

/** A generated file: where it goes, its text, and what it is generated from (named when it is stale). */
export type GeneratedFile = [file: string, text: string, source: string];

/** Writes each file; with `check`, writes nothing and exits 1 at the first committed file that differs. */
export function writeOrCheck(files: readonly GeneratedFile[], check: boolean, staleMessage: string): void {
  for (const [file, text, source] of files) {
    const rel = path.relative(process.cwd(), file);
    if (check) {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (current !== text) {
        process.stderr.write(`${staleMessage} (${rel} differs from what ${source} generate)\n`);
        process.exit(1);
      }
      process.stdout.write(`${rel} is up to date\n`);
      continue;
    }
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${rel} (${text.split('\n').length} lines)\n`);
  }
}
