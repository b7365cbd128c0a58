// 我的任务: the cases waiting on the caller (by name, or on one of their roles inside their unit), by deadline.
export { myTasks } from '../../db/mobileTasks';
