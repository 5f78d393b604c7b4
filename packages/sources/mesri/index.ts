export {
  createMesriSource,
  loadStudentStatus,
  MESRI_IDENTITY_ROUTE,
  MESRI_INE_ROUTE,
  type MesriLoaders,
  type MesriSource,
  type MesriSourceOptions,
} from './mesri-source.js';
export { mesriResolvers, type MesriContext } from './mesri-resolvers.js';
export { buildMesriLookup, type MesriLookup } from './build-mesri-lookup.js';
export { mapStudentStatus, type StudentAdmissionRecord, type StudentStatusRecord } from './map-student-status.js';
