import { SearchInput, SelectInput } from 'react-admin';
import { originChoices, stageChoices } from './caseEnums';

/** Sent as ?filter={"q":…,"stage":…,"origin":…} (ra-data-simple-rest). */
export const caseFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="stage" source="stage" choices={stageChoices} />,
  <SelectInput key="origin" source="origin" choices={originChoices} />,
];
