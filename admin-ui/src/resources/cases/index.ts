import CasesIcon from '@mui/icons-material/FactCheckOutlined';
import { CaseList } from './CaseList';
import { CaseShow } from './CaseShow';
import { CaseCreate } from './CaseCreate';

export const CASES_RESOURCE = 'cases';

/** Resource `cases` (稽查工单): spread into <Resource name="cases" {...cases} />. */
const cases = {
  list: CaseList,
  show: CaseShow,
  create: CaseCreate,
  icon: CasesIcon,
};

export default cases;
