import TerminalsIcon from '@mui/icons-material/PhonelinkSetupOutlined';
import PersonnelIcon from '@mui/icons-material/BadgeOutlined';
import { TerminalList } from './TerminalList';
import { TerminalShow } from './TerminalShow';
import { TerminalCreate, TerminalEdit } from './TerminalEditors';
import { PersonnelList } from './PersonnelList';

export const TERMINALS_RESOURCE = 'terminals';
export const PERSONNEL_RESOURCE = 'personnel';

/** Resource `terminals` (终端人员维护): register, bind to a person, unbind; admins only. */
const terminals = {
  list: TerminalList,
  show: TerminalShow,
  create: TerminalCreate,
  edit: TerminalEdit,
  icon: TerminalsIcon,
};

/** Resource `personnel` (终端人员): who holds which terminal; also the bind dialog's search. */
export const personnel = {
  list: PersonnelList,
  icon: PersonnelIcon,
};

export default terminals;
