import AnnouncementsIcon from '@mui/icons-material/CampaignOutlined';
import { AnnouncementList } from './AnnouncementList';
import { AnnouncementShow } from './AnnouncementShow';
import { AnnouncementCreate, AnnouncementEdit } from './AnnouncementEditors';

export const ANNOUNCEMENTS_RESOURCE = 'announcements';

/** Resource `announcements` (信息公告): managers and admins publish; everyone reads what reaches them. */
const announcements = {
  list: AnnouncementList,
  show: AnnouncementShow,
  create: AnnouncementCreate,
  edit: AnnouncementEdit,
  icon: AnnouncementsIcon,
};

export default announcements;
