import CampaignsIcon from '@mui/icons-material/CampaignOutlined';
import { CampaignList } from './CampaignList';
import { CampaignCreate } from './CampaignCreate';
import { CampaignShow } from './CampaignShow';

export const CAMPAIGNS_RESOURCE = 'campaigns';

/** Resource `campaigns` (专项稽查): define with a live count, run, pause/resume, follow the progress. */
const campaigns = {
  list: CampaignList,
  create: CampaignCreate,
  show: CampaignShow,
  icon: CampaignsIcon,
};

export default campaigns;
