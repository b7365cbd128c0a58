import { DateInput, SearchInput, SelectInput, TextInput } from 'react-admin';
import { OrgUnitInput } from '../../ui/orgUnits/OrgUnitInput';
import { escalationTierChoices, originChoices, problemTypeChoices, stageChoices } from './caseEnums';

const statusChoices = [
  { id: 'open', name: 'cockpit.status.open' },
  { id: 'finished', name: 'cockpit.status.finished' },
];

/**
 * Sent as ?filter={…} (ra-data-simple-rest); the API refuses keys it does not know (400), so each input here is a
 * filter of GET /api/cases. `status` is on by default (caseListModel.ts DEFAULT_CASE_FILTER): cleared, the finished
 * cases come back. `view` (the saved views) is set by the tabs above the list, not here.
 */
export const caseFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" label="cockpit.filters.status" choices={statusChoices} alwaysOn />,
  <SelectInput key="stage" source="stage" choices={stageChoices} alwaysOn />,
  <SelectInput key="origin" source="origin" label="cockpit.columns.origin" choices={originChoices} />,
  <SelectInput key="problemType" source="problemType" label="cockpit.filters.problemType" choices={problemTypeChoices} />,
  <SelectInput
    key="escalationTier"
    source="escalationTier"
    label="cockpit.filters.escalationTier"
    choices={escalationTierChoices}
    parse={(v: string) => (v === '' || v === null || v === undefined ? undefined : Number(v))}
    format={(v: unknown) => (v === undefined || v === null ? '' : String(v))}
  />,
  <OrgUnitInput key="unit" source="unit" label="cockpit.filters.unit" />,
  <DateInput key="createdFrom" source="createdFrom" label="cockpit.filters.createdFrom" />,
  <DateInput key="createdTo" source="createdTo" label="cockpit.filters.createdTo" />,
  <TextInput key="id" source="id" label="resources.cases.fields.caseId" />,
];
