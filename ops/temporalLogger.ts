// The Temporal SDK's logger (worker, activity and workflow log calls, and Core's forwarded logs) into pino,
// so the worker writes the same structured JSON as the API, with the case id when a log concerns a case.
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from '../config/logger';

const LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };
const CASE_WORKFLOW_ID = /^case-([0-9a-f-]{36})$/i;

export function pinoTemporalLogger(log: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields: Record<string, unknown> = {};
    if (meta) for (const [k, v] of Object.entries(meta)) if (typeof k === 'string') fields[k] = v;
    const wf = typeof fields.workflowId === 'string' ? CASE_WORKFLOW_ID.exec(fields.workflowId) : null;
    if (wf) fields.caseId = wf[1].toLowerCase();
    if (fields.error instanceof Error) {
      fields.err = fields.error;
      delete fields.error;
    }
    log[LEVEL[level] ?? 'info'](fields, message);
  };
  return {
    log: write,
    trace: (m, meta) => write('TRACE', m, meta),
    debug: (m, meta) => write('DEBUG', m, meta),
    info: (m, meta) => write('INFO', m, meta),
    warn: (m, meta) => write('WARN', m, meta),
    error: (m, meta) => write('ERROR', m, meta),
  };
}
