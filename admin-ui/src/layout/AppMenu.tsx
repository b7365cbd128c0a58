import { Menu, useCanAccess } from 'react-admin';

/**
 * The side menu by role: the statistics entry for the roles that may read them, then every resource whose list the
 * user's roles may open (react-admin asks authProvider.canAccess for each).
 */
export function AppMenu() {
  const { canAccess } = useCanAccess({ resource: 'dashboard', action: 'list' });
  return (
    <Menu>
      {canAccess && <Menu.DashboardItem />}
      <Menu.ResourceItems />
    </Menu>
  );
}
