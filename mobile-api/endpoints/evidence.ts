import { EvidenceConfirmation } from '../../domain/terminalTaskSchemas';
import { z } from 'zod';
import type { RouteDef } from '../../http/route';
import { terminalRoute } from '../terminalRoute';
import { detailLanguage } from '../../http/problem';
import { taskCaseInScope } from '../../services/access/caseAccess';
import { caseEvidenceList, confirmEvidence, requestEvidenceUpload, type EvidenceDeps } from '../../services/evidence/evidenceService';
import { CaseIdParams, EvidenceItem, EvidenceParams, UploadRequest, UploadTicket } from '../../domain/terminalSchemas';

export function evidenceRoutes(d: EvidenceDeps): RouteDef[] {
  return [
    terminalRoute(d, {
      method: 'post',
      path: '/tasks/:id/evidence',
      summary: 'Ask for an evidence upload (photo/audio/video/signature with size, SHA-256, capture time and GPS): answers a presigned PUT (5 min) that signs size, type and checksum',
      policy: { roles: ['inspector'], scope: 'org' },
      params: CaseIdParams,
      body: UploadRequest,
      response: { status: 201, schema: UploadTicket, description: 'Where and how to PUT the bytes' },
      async handler({ req, principal, params, body, deviceId }) {
        return { status: 201, body: await requestEvidenceUpload(d, principal, params.id, deviceId!, body, detailLanguage(req)) };
      },
    }),
    terminalRoute(d, {
      method: 'post',
      path: '/tasks/:id/evidence/:evidenceId/confirm',
      summary: 'Confirm an upload: the server checks the stored object\'s size and SHA-256 and what the bytes are (content sniffing, a decode check for images; 422 evidence.content-mismatch / evidence.undecodable, object deleted), then examines photos (EXIF time and GPS against the declaration and the customer, copies across cases) and the case workflow attaches it, verified only without findings (listed in evidence.forensics.reasons)',
      policy: { roles: ['inspector'], scope: 'org' },
      params: EvidenceParams,
      body: z.strictObject({}),
      response: { status: 200, schema: EvidenceConfirmation, description: 'The attached evidence and the case after it' },
      handler: async ({ req, principal, params }) => ({ status: 200, body: await confirmEvidence(d, principal, params.id, params.evidenceId, detailLanguage(req)) }),
    }),
    terminalRoute(d, {
      method: 'get',
      path: '/tasks/:id/evidence',
      summary: 'The case\'s evidence, with presigned GET URLs (5 min) for confirmed items',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'org' },
      params: CaseIdParams,
      response: { status: 200, schema: z.array(EvidenceItem), description: 'Evidence items' },
      async handler({ principal, params }) {
        await taskCaseInScope(d.pool, params.id, principal);
        return { status: 200, body: await caseEvidenceList(d, params.id) };
      },
    }),
  ];
}
