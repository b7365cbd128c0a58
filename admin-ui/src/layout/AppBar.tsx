import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
} from 'react-admin';
import { OrgUnitChip } from './OrgUnitChip';
import { AppUserMenu } from './AppUserMenu';

/** Page title, the user's org unit, language switch (中文 / English), user menu. */
export function AppBar() {
  return (
    <RaAppBar
      userMenu={<AppUserMenu />}
      toolbar={
        <>
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
