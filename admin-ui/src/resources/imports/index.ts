import ImportsIcon from '@mui/icons-material/DriveFolderUploadOutlined';
import { ImportList } from './ImportList';
import { ImportUpload } from './ImportUpload';
import { ImportShow } from './ImportShow';

export const IMPORTS_RESOURCE = 'imports';

/** Resource `imports` (数据导入): batches, upload with progress, the row report. */
const imports = {
  list: ImportList,
  create: ImportUpload,
  show: ImportShow,
  icon: ImportsIcon,
};

export default imports;
