import TasksIcon from '@mui/icons-material/AssignmentTurnedInOutlined';
import { Menu, useCanAccess } from 'react-admin';
import { MY_TASKS_PATH } from '../resources/myTasks';

/**
 * The side menu by role: the statistics entry for the roles that may read them, then every resource whose list the
 * user's roles may open (react-admin asks authProvider.canAccess for each).
 */
export function AppMenu() {
  const { canAccess } = useCanAccess({ resource: 'dashboard', action: 'list' });
  const { canAccess: readsCases } = useCanAccess({ resource: 'cases', action: 'list' });
  return (
    <Menu>
      {canAccess && <Menu.DashboardItem />}
      {readsCases && <Menu.Item to={MY_TASKS_PATH} primaryText="cockpit.tasks.menu" leftIcon={<TasksIcon />} data-testid="menu-my-tasks" />}
      <Menu.ResourceItems />
    </Menu>
  );
}
