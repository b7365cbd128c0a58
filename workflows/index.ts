export { inspectionCase } from './inspectionCase';
export { campaign } from './campaign';
export { periodClose } from './periodClose';
export { housekeeping } from './housekeeping';
export { judgementRun } from './judgementRun';
export { logAnchoring } from './logAnchoring';
