import ConsultationsIcon from '@mui/icons-material/QuestionAnswerOutlined';
import { ConsultationList } from './ConsultationList';
import { ConsultationShow } from './ConsultationShow';
import { ConsultationCreate } from './ConsultationCreate';

export const CONSULTATIONS_RESOURCE = 'consultations';

/** Resource `consultations` (咨询管理): stations ask, supervisors and managers answer. */
const consultations = {
  list: ConsultationList,
  show: ConsultationShow,
  create: ConsultationCreate,
  icon: ConsultationsIcon,
};

export default consultations;
