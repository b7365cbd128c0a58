export { inspectionCase } from './inspectionCase';
export { campaign } from './campaign';
