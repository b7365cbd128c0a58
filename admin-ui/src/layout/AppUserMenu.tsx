import { Divider } from '@mui/material';
import { Logout, UserMenu } from 'react-admin';
import { UserInfoMenuItem } from './UserInfoMenuItem';

export function AppUserMenu() {
  return (
    <UserMenu>
      <UserInfoMenuItem />
      <Divider />
      <Logout />
    </UserMenu>
  );
}
