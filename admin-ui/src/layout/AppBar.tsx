import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
} from 'react-admin';
import { OrgUnitChip } from './OrgUnitChip';
import { AppUserMenu } from './AppUserMenu';
import { NotificationBell } from './NotificationBell';

/** Page title, the user's org unit, inbox bell, language switch (中文 / English), user menu. */
export function AppBar() {
  return (
    <RaAppBar
      userMenu={<AppUserMenu />}
      toolbar={
        <>
          <NotificationBell />
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <TitlePortal />
      <OrgUnitChip />
    </RaAppBar>
  );
}
