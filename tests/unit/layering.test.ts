import path from 'node:path';
import { execFileSync } from 'node:child_process';

// The import rules of docs/architecture.md are lint rules (eslint.config.mjs): a sideways or upward import fails
// `npm test`. Each case lints a made-up file at a real place in the tree. ESLint loads its flat config with a dynamic
// import, which jest's module system cannot run, so one child Node process lints every case.
const ROOT = path.resolve(__dirname, '..', '..');

const REFUSED: [file: string, source: string, says: string][] = [
  ['mobile-api/endpoints/layeringFixture.ts', "import { x } from '../../api/routes/caseActions';", 'mobile-api/'],
  ['api/routes/layeringFixture.ts', "import { x } from '../../mobile-api/endpoints/evidence';", 'api/'],
  ['api/routes/layeringFixture.ts', "import { x } from '../../db/cases';", 'api/'],
  ['mobile-api/endpoints/layeringFixture.ts', "import { x } from '../../db/mobileTasks';", 'mobile-api/'],
  ['activities/layeringFixture.ts', "import { x } from '../mobile-api/endpoints/evidence';", 'activities'],
  ['services/cases/layeringFixture.ts', "import { x } from '../../api/routes/cases';", 'services'],
  ['services/cases/layeringFixture.ts', "import { x } from '../../http/route';", 'http/problem'],
  ['db/layeringFixture.ts', "import { x } from '../services/cases/openCase';", 'db/'],
  ['domain/layeringFixture.ts', "import { x } from '../db/cases';", 'domain/'],
  ['http/layeringFixture.ts', "import { x } from '../db/auditLog';", 'http/'],
  ['worker/layeringFixture.ts', "import { x } from '../server/app';", 'worker'],
];
const ALLOWED: [file: string, source: string][] = [
  ['mobile-api/endpoints/layeringFixture.ts', "import { x } from '../../services/cases/caseSteps';"],
  ['api/routes/layeringFixture.ts', "import { x } from '../../http/route';"],
  ['services/cases/layeringFixture.ts', "import { x } from '../../http/problem';"],
  ['services/cases/layeringFixture.ts', "import { x } from '../../db/cases';"],
  ['activities/layeringFixture.ts', "import { x } from '../services/cases/openCase';"],
  ['server/layeringFixture.ts', "import { x } from '../mobile-api/routes';"],
];

const LINT_ALL = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
(async () => {
  const out = [];
  for (const [file, source] of cases) {
    const [r] = await eslint.lintText(source + '\\nexport const used = x;\\n', { filePath: require('node:path').join(process.cwd(), file) });
    out.push(r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})();`;

let results: string[][];
beforeAll(() => {
  const cases = [...REFUSED, ...ALLOWED].map(([file, source]) => [file, source]);
  results = JSON.parse(execFileSync(process.execPath, ['-e', LINT_ALL, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' }));
}, 60_000);

test.each(REFUSED.map((c, i) => [...c, i] as const))('%s: %s is refused', (_file, _source, says, i) => {
  expect(results[i]).toHaveLength(1);
  expect(results[i][0]).toContain(says);
  expect(results[i][0]).toContain('docs/architecture.md');
});

test.each(ALLOWED.map((c, i) => [...c, REFUSED.length + i] as const))('%s: %s is allowed', (_file, _source, i) => {
  expect(results[i]).toEqual([]);
});
