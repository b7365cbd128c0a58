/** 我的待办 (#16): a page of its own (not a resource), in the menu of the roles that read cases. */
export const MY_TASKS_PATH = '/my-tasks';
export { MyTasksPage } from './MyTasksPage';
