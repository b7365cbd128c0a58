import EscalationsIcon from '@mui/icons-material/NotificationImportantOutlined';
import { EscalationBoard } from './EscalationBoard';

export const ESCALATIONS_RESOURCE = 'escalations';

/** Resource `escalations` (升级督办): a board only; each card opens its case. */
const escalations = {
  list: EscalationBoard,
  icon: EscalationsIcon,
};

export default escalations;
