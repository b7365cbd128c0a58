import { Create, Edit } from 'react-admin';
import { AnnouncementForm } from './AnnouncementForm';
import { toAnnouncementInput } from './announcementInput';

export function AnnouncementCreate() {
  return (
    <Create redirect="show" transform={toAnnouncementInput}>
      <AnnouncementForm />
    </Create>
  );
}

export function AnnouncementEdit() {
  return (
    <Edit redirect="show" mutationMode="pessimistic" transform={toAnnouncementInput}>
      <AnnouncementForm />
    </Edit>
  );
}
