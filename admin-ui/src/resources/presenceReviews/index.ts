import ReviewIcon from '@mui/icons-material/GppMaybeOutlined';
import { PresenceReviewList } from './PresenceReviewList';
import { PresenceReviewShow } from './PresenceReviewShow';

export const PRESENCE_REVIEWS_RESOURCE = 'presence-reviews';

/** Resource `presence-reviews` (疑似虚假工单): the queue and one review; the decision is the case step `review`. */
const presenceReviews = {
  list: PresenceReviewList,
  show: PresenceReviewShow,
  icon: ReviewIcon,
};

export default presenceReviews;
