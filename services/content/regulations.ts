// 法规制度: the regulations library (back office maintains it; terminals and consultations cite it).
export { createRegulation, deleteRegulation, getRegulation, listRegulations, REGULATION_SORT, updateRegulation, type RegulationInput } from '../../db/mobileContent';
