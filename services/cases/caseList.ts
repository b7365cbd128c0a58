// The case list of the back office: the read model's query under the caller's case scope (services/access).
export { listCases, SORTABLE } from '../../db/cases';
