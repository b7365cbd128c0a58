// The org tree (province → city → county → station → grid) as the adapters need it: which units exist, their names.
export { knownOrgUnits, orgUnitName, orgSubtree, type OrgUnitRow } from '../../db/orgUnits';
