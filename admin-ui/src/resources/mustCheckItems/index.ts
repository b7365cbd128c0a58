import MustCheckIcon from '@mui/icons-material/FactCheckOutlined';
import { MustCheckItemsPage } from './MustCheckItemsPage';

export const MUST_CHECK_ITEMS_RESOURCE = 'must-check-items';

/** Resource `must-check-items` (四必查项目): per problem type, the items to check on site; managers and admins edit them. */
const mustCheckItems = {
  list: MustCheckItemsPage,
  icon: MustCheckIcon,
};

export default mustCheckItems;
