export { inspectionCase } from './inspectionCase';
export { campaign } from './campaign';
export { periodClose } from './periodClose';
export { housekeeping } from './housekeeping';
export { logAnchoring } from './logAnchoring';
