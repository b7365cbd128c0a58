import PolicyIcon from '@mui/icons-material/EventNoteOutlined';
import { CasePolicyCreate, CasePolicyEdit, CasePolicyList, CasePolicyShow } from './CasePolicyPages';

export { CASE_POLICIES_RESOURCE } from './CasePolicyPages';

/** Resource `case-policies` (时限与取证规则): versions, a draft copied from the one in force, edited in a form, published from a date. */
export default {
  list: CasePolicyList,
  show: CasePolicyShow,
  create: CasePolicyCreate,
  edit: CasePolicyEdit,
  icon: PolicyIcon,
};
