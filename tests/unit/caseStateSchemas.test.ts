import fs from 'node:fs';
import path from 'node:path';
import { CheckInRecord, InspectionCaseState } from '../../domain/caseStateSchemas';
import { CaseEvent, type CaseSnapshot } from '../../domain/caseEvents';
import { applySnapshotDelta, isSnapshotDelta, type CaseSnapshotDelta } from '../../domain/caseSnapshotDelta';

// The case state and event schemas against what the workflow really produced: the Update answers, the final state and
// the recorded events of the histories the replay test uses (tests/workflows/histories).

const DIR = path.join(__dirname, '..', 'workflows', 'histories');
type Payload = { data?: string };
const decode = (p: Payload) => JSON.parse(Buffer.from(p.data ?? '', 'base64').toString('utf8'));

function outputsOf(file: string) {
  const events: any[] = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')).events;
  const updateName = new Map<string, string>();
  const out: { what: string; schema: 'state' | 'checkIn' | 'event'; value: unknown }[] = [];
  let projected: CaseSnapshot | undefined; // since the history diet (#19) most events carry the change to the previous snapshot
  for (const e of events) {
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) updateName.set(accepted.acceptedRequest.meta.updateId, accepted.acceptedRequest.input.name);
    const completed = e.workflowExecutionUpdateCompletedEventAttributes;
    if (completed?.outcome?.success) {
      const name = updateName.get(completed.meta.updateId) ?? '?';
      out.push({ what: `${file} update ${name}`, schema: name === 'checkIn' ? 'checkIn' : 'state', value: decode(completed.outcome.success.payloads[0]) });
    }
    const done = e.workflowExecutionCompletedEventAttributes;
    if (done) out.push({ what: `${file} result`, schema: 'state', value: decode(done.result.payloads[0]) });
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === 'recordCaseEvent') {
      const [event, change] = scheduled.input.payloads.map(decode) as [unknown, CaseSnapshot | CaseSnapshotDelta];
      projected = isSnapshotDelta(change) ? applySnapshotDelta(projected!, change) : change;
      out.push({ what: `${file} event ${(event as CaseEvent).seq}`, schema: 'event', value: event });
      out.push({ what: `${file} snapshot at event ${(event as CaseEvent).seq}`, schema: 'state', value: projected.state });
    }
  }
  return out;
}

const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
const SCHEMAS = { state: InspectionCaseState, checkIn: CheckInRecord, event: CaseEvent } as const;

test.each(FILES)('every state, check-in and event recorded in %s parses with its schema', (file) => {
  const outputs = outputsOf(file);
  expect(outputs.filter((o) => o.schema === 'state').length).toBeGreaterThan(1);
  const failures = outputs.flatMap((o) => {
    const r = SCHEMAS[o.schema].safeParse(o.value);
    return r.success ? [] : [`${o.what}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`];
  });
  expect(failures).toEqual([]);
});

test('the workflow contract imports the state schemas as types only (they stay out of the workflow bundle)', () => {
  const src = fs.readFileSync(path.join(__dirname, '..', '..', 'domain', 'inspectionCaseContract.ts'), 'utf8');
  const lines = src.split('\n').filter((l) => /from '\.\/caseStateSchemas'/.test(l));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.filter((l) => !/^(import|export) type /.test(l))).toEqual([]);
});
