// Terminals (终端人员维护): registration, the personnel list they are bound to, binding history, last seen.
export { bindingHistory, getDevice, listDevices, registerDevice, touchDevice, updateDevice } from '../../db/devices';
export { listPersonnel, PERSONNEL_SORT } from '../../db/personnel';
