import type { OutboxItem } from '../../outbox';
import { stepTaken } from './outboxView';
import type { TaskDetail } from './types';

// Which actions a task offers the signed-in inspector, from the case (stage, assignee, assignment) and the steps this
// device has queued for it — a queued accept counts as accepted, so the visit can start offline. Mirrors the
// workflow's validators (workflows/inspectionCase.ts): accept and decline while offered to me at field evidence;
// check-in, evidence and findings once I have accepted, until findings are in.

export interface TaskActions {
  /** 接受 / 退回: offered to me, not answered yet. */
  respond: boolean;
  /** 去现场, 填写核查结果: accepted by me at field evidence, findings not yet given. */
  visit: boolean;
  /** 地图导航: the customer has a location. */
  map: boolean;
  /** Accepted here or on the server. */
  accepted: boolean;
  /** Declined from this device (queued or applied). */
  declined: boolean;
  /** Findings given (on the server, or queued here). */
  findingsGiven: boolean;
}

export function taskActions(task: Pick<TaskDetail, 'stage' | 'assignee' | 'assignment' | 'findings' | 'location'>, me: string, outbox: OutboxItem[]): TaskActions {
  const field = task.stage === 'field_evidence';
  const mine = task.assignee === me;
  const declined = stepTaken(outbox, 'decline');
  const accepted = task.assignment === 'accepted' || stepTaken(outbox, 'accept');
  const findingsGiven = task.findings !== null || stepTaken(outbox, 'findings');
  return {
    respond: field && mine && task.assignment === 'offered' && !accepted && !declined,
    visit: field && mine && accepted && !declined && !findingsGiven,
    map: task.location !== null,
    accepted,
    declined,
    findingsGiven,
  };
}
