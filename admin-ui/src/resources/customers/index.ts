import CustomersIcon from '@mui/icons-material/PeopleAltOutlined';
import { CustomerList } from './CustomerList';
import { CustomerShow } from './CustomerShow';

export const CUSTOMERS_RESOURCE = 'customers';

/** Resource `customers` (客户): search and the 360 view. */
const customers = {
  list: CustomerList,
  show: CustomerShow,
  icon: CustomersIcon,
};

export default customers;
