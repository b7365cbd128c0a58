// 信息公告: announcements to a unit and the units below it, managed in the back office, read on terminals.
export {
  ANNOUNCEMENT_SORT, announcementsFor, createAnnouncement, deleteAnnouncement, getAnnouncement, listAnnouncements, updateAnnouncement, type AnnouncementRecord,
} from '../../db/mobileContent';
