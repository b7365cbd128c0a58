export { inspectionCase } from './inspectionCase';
