import FeedbackIcon from '@mui/icons-material/FeedbackOutlined';
import { FeedbackList } from './FeedbackList';
import { FeedbackShow } from './FeedbackShow';

export const FEEDBACK_RESOURCE = 'feedback';

/** Resource `feedback` (意见反馈): sent from terminals; handled here (start, answer, close, reopen). */
const feedback = {
  list: FeedbackList,
  show: FeedbackShow,
  icon: FeedbackIcon,
};

export default feedback;
