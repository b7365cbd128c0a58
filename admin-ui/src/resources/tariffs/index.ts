import TariffIcon from '@mui/icons-material/ElectricMeterOutlined';
import { TariffCataloguePage } from './TariffCataloguePage';

export const TARIFFS_RESOURCE = 'tariffs';

/** Resource `tariffs` (电价目录): categories with the price in force on a day, their versions, 新增电价版本. */
const tariffs = {
  list: TariffCataloguePage,
  icon: TariffIcon,
};

export default tariffs;
