// 意见反馈: usage feedback from terminals, answered in the back office through a small status workflow.
export { FEEDBACK_SORT, feedbackOf, getFeedback, listFeedback, transitionFeedback, type FeedbackRecord, type TransitionOutcome } from '../../db/feedback';
export { insertFeedback } from '../../db/mobileContent';
