import RegulationsIcon from '@mui/icons-material/GavelOutlined';
import { RegulationList } from './RegulationList';
import { RegulationShow } from './RegulationShow';
import { RegulationCreate, RegulationEdit } from './RegulationEditors';

export const REGULATIONS_RESOURCE = 'regulations';

/** Resource `regulations` (法规制度 / 通知). */
const regulations = {
  list: RegulationList,
  show: RegulationShow,
  create: RegulationCreate,
  edit: RegulationEdit,
  icon: RegulationsIcon,
};

export default regulations;
