import CalendarIcon from '@mui/icons-material/CalendarMonthOutlined';
import { CalendarYearsPage } from './CalendarYearsPage';
import { CalendarYearPage } from './CalendarYearPage';
import { CalendarEditorPage } from './CalendarEditorPage';

export const CALENDAR_RESOURCE = 'calendar';

/** Resource `calendar` (工作日历): the published years, one year's grids, the admin's editor (new year or replace). */
const calendar = {
  list: CalendarYearsPage,
  show: CalendarYearPage,
  create: CalendarEditorPage,
  edit: CalendarEditorPage,
  icon: CalendarIcon,
};

export default calendar;
